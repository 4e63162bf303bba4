using TBot.Engine.Ring;
using TBot.Engine.Tests.Infrastructure;

namespace TBot.Engine.Tests.Ring;

/// <summary>
/// The hot path must not allocate: measured with <see cref="GC.GetAllocatedBytesForCurrentThread"/> on the producer
/// thread around the publishing loop, and on the consumer thread from inside the handlers (first measured event to
/// last event), after a warm-up that has compiled everything and wrapped the ring many times.
/// </summary>
public class AllocationTests
{
    private const int RingSize = 1024;
    private const int WarmUp = 100_000;
    private const int Measured = 1_000_000;

    [Fact]
    public void Single_handler_processor_allocates_nothing_per_event()
    {
        var ring = RingBuffer<TickEvent>.CreateSingleProducer(RingSize, new YieldingWaitStrategy());
        var handler = new MeasuringHandler(firstMeasured: WarmUp, lastMeasured: WarmUp + Measured - 1);
        long producerBytes;
        using (var consumer = new ConsumerThread<TickEvent>(ring, handler, name: "alloc-consumer"))
        {
            producerBytes = RunProducer(ring, consumer.Processor.Sequence);
            consumer.AssertProcessed(WarmUp + Measured - 1);
            consumer.Stop();
        }

        Assert.Equal(0, handler.Errors);
        Assert.Equal(WarmUp + Measured, handler.Count);
        Assert.True(handler.Measured, "the consumer never reached the measured events");
        Assert.Equal(0, producerBytes);
        Assert.Equal(0, handler.AllocatedBytes);
    }

    [Fact]
    public void Fused_three_handler_pipeline_allocates_nothing_per_event()
    {
        var ring = RingBuffer<TickEvent>.CreateSingleProducer(RingSize, new YieldingWaitStrategy());
        var pipeline = new EventPipeline<TickEvent>(ring, new PipelineOptions { Threading = ThreadingMode.Fused });
        var first = new MeasuringHandler(firstMeasured: WarmUp, lastMeasured: -1);
        var middle = new MeasuringHandler(firstMeasured: -1, lastMeasured: -1);
        var last = new MeasuringHandler(firstMeasured: -1, lastMeasured: WarmUp + Measured - 1);
        pipeline.HandleEventsWith(first).Then(middle).Then(last);
        pipeline.Start();
        long producerBytes;
        try
        {
            Assert.True(pipeline.IsFused);
            producerBytes = RunProducer(ring, pipeline.Processors[0].Sequence);
            Assert.True(pipeline.WaitUntilProcessed(WarmUp + Measured - 1, Timeouts.Safety));
        }
        finally
        {
            Assert.True(pipeline.Halt(Timeouts.Safety));
        }

        foreach (var h in new[] { first, middle, last })
        {
            Assert.Equal(0, h.Errors);
            Assert.Equal(WarmUp + Measured, h.Count);
        }
        Assert.True(first.Measured && last.Measured, "the consumer never reached the measured events");
        Assert.Equal(0, producerBytes);
        // From the first handler's first measured event to the last handler's last event: everything on the thread.
        Assert.Equal(0, last.EndBytes - first.StartBytes);
    }

    [Fact]
    public void The_measurement_does_catch_an_allocating_handler()
    {
        // Guards the tests above against measuring nothing: the same set-up with a handler that allocates.
        const int count = 20_000;
        var ring = RingBuffer<TickEvent>.CreateSingleProducer(RingSize, new YieldingWaitStrategy());
        var handler = new MeasuringHandler(firstMeasured: 1000, lastMeasured: count - 1) { AllocateEvery = 100 };
        using var consumer = new ConsumerThread<TickEvent>(ring, handler);
        new Worker("producer", () => Publish(ring, count)).Join();
        consumer.AssertProcessed(count - 1);
        consumer.Stop();
        Assert.True(handler.Measured);
        Assert.True(handler.AllocatedBytes >= (count - 1000) / 100 * 24, $"measured only {handler.AllocatedBytes} bytes");
    }

    /// <summary>Warm up, wait for the consumer to catch up, then publish the measured events; returns the bytes the
    /// producer thread allocated while publishing them.</summary>
    private static long RunProducer(RingBuffer<TickEvent> ring, Sequence consumed)
    {
        long bytes = -1;
        new Worker("alloc-producer", () =>
        {
            Publish(ring, WarmUp);
            var spinner = new SpinWait();
            while (consumed.Value < WarmUp - 1) spinner.SpinOnce();
            var before = GC.GetAllocatedBytesForCurrentThread();
            Publish(ring, Measured);
            var after = GC.GetAllocatedBytesForCurrentThread();
            bytes = after - before;
        }).Join();
        return bytes;
    }

    /// <summary>The producer's hot loop: claim, fill in place, publish.</summary>
    private static void Publish(RingBuffer<TickEvent> ring, int count)
    {
        for (var i = 0; i < count; i++)
        {
            var s = ring.Next();
            ref var e = ref ring[s];
            e.Instrument = s & 15;
            e.Price = 100_000 + (s & 1023);
            e.Quantity = s & 7;
            e.Timestamp = s;
            e.Checksum = e.Instrument ^ e.Price ^ e.Quantity ^ e.Timestamp;
            ring.Publish(s);
        }
    }

    /// <summary>Checks each event, and reads the thread's allocation counter at two chosen events.</summary>
    private sealed class MeasuringHandler(long firstMeasured, long lastMeasured) : IEventHandler<TickEvent>
    {
        private object? _sink;

        public long Count { get; private set; }
        public int Errors { get; private set; }
        public long StartBytes { get; private set; } = -1;
        public long EndBytes { get; private set; } = -1;
        public int AllocateEvery { get; init; }
        public bool Measured => (firstMeasured < 0 || StartBytes >= 0) && (lastMeasured < 0 || EndBytes >= 0);
        public long AllocatedBytes => EndBytes - StartBytes;

        public void OnEvent(ref TickEvent evt, long sequence, bool endOfBatch)
        {
            if (sequence == firstMeasured) StartBytes = GC.GetAllocatedBytesForCurrentThread();
            if (evt.Timestamp != sequence || evt.Checksum != (evt.Instrument ^ evt.Price ^ evt.Quantity ^ evt.Timestamp)) Errors++;
            if (AllocateEvery > 0 && sequence % AllocateEvery == 0) _sink = new object();
            Count++;
            if (sequence == lastMeasured) EndBytes = GC.GetAllocatedBytesForCurrentThread();
        }

        public override string ToString() => _sink?.ToString() ?? "";
    }
}

using TBot.Engine.Ring;
using TBot.Engine.Tests.Infrastructure;

namespace TBot.Engine.Tests.Ring;

public class BatchEventProcessorTests
{
    [Fact]
    public void Constructor_validates_handlers_and_sequences()
    {
        var ring = RingBuffer<SeqEvent>.CreateSingleProducer(8, new YieldingWaitStrategy());
        var barrier = ring.NewBarrier();
        Assert.Throws<ArgumentNullException>(() => new BatchEventProcessor<SeqEvent>("p", ring, barrier, (IEventHandler<SeqEvent>[])null!));
        Assert.Throws<ArgumentException>(() => new BatchEventProcessor<SeqEvent>("p", ring, barrier, Array.Empty<IEventHandler<SeqEvent>>()));
        Assert.Throws<ArgumentException>(() => new BatchEventProcessor<SeqEvent>("p", ring, barrier,
            [new SeqCheckingHandler(), new SeqCheckingHandler()], sequences: [new Sequence()]));
    }

    [Fact]
    public void A_new_processor_is_idle_and_exposes_its_parts()
    {
        var ring = RingBuffer<SeqEvent>.CreateSingleProducer(8, new YieldingWaitStrategy());
        var barrier = ring.NewBarrier();
        var sequences = new[] { new Sequence(), new Sequence() };
        var processor = new BatchEventProcessor<SeqEvent>("proc", ring, barrier,
            [new SeqCheckingHandler(), new SeqCheckingHandler()], sequences: sequences);
        Assert.Equal("proc", processor.Name);
        Assert.Same(barrier, processor.Barrier);
        Assert.Equal(ProcessorState.Idle, processor.State);
        Assert.False(processor.IsRunning);
        Assert.Same(sequences[1], processor.Sequence);
        Assert.Equal(sequences, processor.HandlerSequences);
        Assert.Equal(0, processor.Events);
        Assert.Equal(0, processor.AverageBatch);
        Assert.Null(processor.Fault);
        Assert.True(processor.WaitForStop(TimeSpan.Zero));
    }

    [Fact]
    public void Everything_available_at_once_is_one_batch_with_endOfBatch_on_its_last_event()
    {
        var ring = RingBuffer<SeqEvent>.CreateSingleProducer(128, new YieldingWaitStrategy());
        var handler = new SeqCheckingHandler();
        var processor = new BatchEventProcessor<SeqEvent>("p", ring, ring.NewBarrier(), handler);
        ring.AddGatingSequences(processor.Sequence);
        Produce.Seq(ring, 100); // all published before the processor starts

        var worker = new Worker("p", processor.Run);
        try
        {
            Wait.AssertEventually(() => processor.Sequence.Value == 99, "the batch to be processed");
        }
        finally
        {
            processor.Halt();
        }
        worker.Join();

        handler.AssertClean();
        Assert.Equal(100, handler.Count);
        Assert.Equal(1, processor.Batches);
        Assert.Equal(100, processor.Events);
        Assert.Equal(100.0, processor.AverageBatch);
        Assert.Equal(1, handler.EndOfBatchCount);
        Assert.Equal(99, handler.LastEndOfBatch);
    }

    [Fact]
    public void Every_batch_ends_with_endOfBatch()
    {
        const int count = 100_000;
        var ring = RingBuffer<SeqEvent>.CreateSingleProducer(64, new YieldingWaitStrategy());
        var handler = new SeqCheckingHandler();
        using var consumer = new ConsumerThread<SeqEvent>(ring, handler);
        new Worker("producer", () => Produce.Seq(ring, count)).Join();
        consumer.AssertProcessed(count - 1);
        consumer.Stop();
        handler.AssertClean();
        Assert.Equal(count - 1, handler.LastEndOfBatch);
        Assert.Equal(consumer.Processor.Batches, handler.EndOfBatchCount);
        Assert.Equal(count, consumer.Processor.Events);
    }

    [Fact]
    public void OnStart_and_OnShutdown_run_once_on_the_processor_thread()
    {
        var ring = RingBuffer<SeqEvent>.CreateSingleProducer(16, new YieldingWaitStrategy());
        var handler = new SeqCheckingHandler();
        using var consumer = new ConsumerThread<SeqEvent>(ring, handler, name: "lifecycle");
        Wait.AssertEventually(() => handler.StartCalls == 1, "OnStart");
        Assert.Equal(0, handler.ShutdownCalls);
        Produce.Seq(ring, 10);
        consumer.AssertProcessed(9);
        Assert.Equal(0, handler.ShutdownCalls);
        consumer.Stop();

        Assert.Equal(1, handler.StartCalls);
        Assert.Equal(1, handler.ShutdownCalls);
        var threadId = consumer.Thread.ManagedThreadId;
        Assert.NotEqual(Environment.CurrentManagedThreadId, threadId);
        Assert.Equal(threadId, handler.StartThreadId);
        Assert.Equal(threadId, handler.EventThreadId);
        Assert.Equal(threadId, handler.ShutdownThreadId);
        Assert.Equal("lifecycle", handler.StartThreadName);
    }

    [Fact]
    public void A_running_processor_cannot_be_run_twice()
    {
        var ring = RingBuffer<SeqEvent>.CreateSingleProducer(16, new YieldingWaitStrategy());
        var handler = new SeqCheckingHandler();
        using var consumer = new ConsumerThread<SeqEvent>(ring, handler);
        Wait.AssertEventually(() => handler.StartCalls == 1, "OnStart"); // the loop is fully under way
        Assert.Equal(ProcessorState.Running, consumer.Processor.State);
        Assert.True(consumer.Processor.IsRunning);
        Assert.False(consumer.Processor.WaitForStop(TimeSpan.Zero));
        Assert.Throws<InvalidOperationException>(consumer.Processor.Run);

        // The rejected call changed nothing: the first loop still works.
        Produce.Seq(ring, 5);
        consumer.AssertProcessed(4);
        consumer.Stop();
        Assert.Equal(ProcessorState.Idle, consumer.Processor.State);
        Assert.False(consumer.Processor.IsRunning);
        Assert.Equal(1, handler.StartCalls);
        handler.AssertClean();
    }

    [Fact]
    public void A_halted_processor_resumes_after_its_last_event_when_run_again()
    {
        var ring = RingBuffer<SeqEvent>.CreateSingleProducer(16, new YieldingWaitStrategy());
        var handler = new SeqCheckingHandler();
        var processor = new BatchEventProcessor<SeqEvent>("p", ring, ring.NewBarrier(), handler);
        ring.AddGatingSequences(processor.Sequence);

        for (var run = 0; run < 3; run++)
        {
            var worker = new Worker($"p-{run}", processor.Run);
            try
            {
                Wait.AssertEventually(() => processor.IsRunning, "the processor to start");
                Produce.Seq(ring, 50);
                Wait.AssertEventually(() => processor.Sequence.Value == 50 * (run + 1) - 1, "the events to be processed");
            }
            finally
            {
                processor.Halt();
            }
            worker.Join();
            Assert.Equal(ProcessorState.Idle, processor.State);
        }

        // No event seen twice, none skipped across the restarts (each run has its own thread).
        Assert.True(handler.Errors == 0, handler.FirstError);
        Assert.Equal(150, handler.Count);
        Assert.Equal(3, handler.StartCalls);
        Assert.Equal(3, handler.ShutdownCalls);
    }

    [Fact]
    public void Fused_handlers_each_see_every_event_in_order_after_the_previous_one()
    {
        const int count = 300_000;
        var ring = RingBuffer<StageEvent>.CreateSingleProducer(256, new YieldingWaitStrategy());
        var a = new StageHandler(0);
        var b = new StageHandler(1, 0);
        var c = new StageHandler(2, 0, 1);
        using var consumer = new ConsumerThread<StageEvent>(ring, [a, b, c]);
        var sequences = consumer.Processor.HandlerSequences;
        Assert.Equal(3, sequences.Count);
        Assert.Same(sequences[2], consumer.Processor.Sequence);
        b.UpstreamSequences = [sequences[0]];
        c.UpstreamSequences = [sequences[0], sequences[1]];

        var producer = new Worker("producer", () => Produce.Stages(ring, count));
        producer.Join();
        consumer.AssertProcessed(count - 1);
        consumer.Stop();

        foreach (var h in new[] { a, b, c })
        {
            h.AssertClean();
            Assert.Equal(count, h.Count);
            Assert.Equal(consumer.Thread.ManagedThreadId, h.EventThreadId);
        }
        for (var i = 0; i < 3; i++) Assert.Equal(count - 1, sequences[i].Value);
        Assert.Equal(count, consumer.Processor.Events);
    }

    [Fact]
    public void Another_processor_may_depend_on_a_handler_inside_a_fused_processor()
    {
        const int count = 100_000;
        var ring = RingBuffer<StageEvent>.CreateSingleProducer(128, new YieldingWaitStrategy());
        var a = new StageHandler(0);
        var b = new StageHandler(1, 0);
        var c = new StageHandler(2, 0); // depends on A only, runs beside B
        var fused = new BatchEventProcessor<StageEvent>("ab", ring, ring.NewBarrier(), [a, b]);
        var after = new BatchEventProcessor<StageEvent>("c", ring, ring.NewBarrier(fused.HandlerSequences[0]), c);
        b.UpstreamSequences = [fused.HandlerSequences[0]];
        c.UpstreamSequences = [fused.HandlerSequences[0]];
        ring.AddGatingSequences(fused.Sequence, after.Sequence);

        var t1 = new Worker("ab", fused.Run);
        var t2 = new Worker("c", after.Run);
        try
        {
            Wait.AssertEventually(() => fused.IsRunning && after.IsRunning, "both processors to start");
            var producer = new Worker("producer", () => Produce.Stages(ring, count));
            producer.Join();
            Wait.AssertEventually(() => fused.Sequence.Value == count - 1 && after.Sequence.Value == count - 1, "all events to be processed");
        }
        finally
        {
            fused.Halt();
            after.Halt();
        }
        t1.Join();
        t2.Join();

        foreach (var h in new[] { a, b, c })
        {
            h.AssertClean();
            Assert.Equal(count, h.Count);
        }
    }
}

using Microsoft.Extensions.Logging;
using TBot.Engine.Ring;
using TBot.Engine.Tests.Infrastructure;

namespace TBot.Engine.Tests.Ring;

public class HaltTests
{
    public static TheoryData<Graph, ThreadingMode, int> Cases()
    {
        var data = new TheoryData<Graph, ThreadingMode, int>();
        foreach (var graph in new[] { Graph.Chain, Graph.FanOut, Graph.Diamond })
        foreach (var mode in new[] { ThreadingMode.Dedicated, ThreadingMode.Fused })
        foreach (var count in new[] { 10, 50_000 })
            data.Add(graph, mode, count);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Halt_right_after_publishing_drains_every_event_through_every_handler(Graph graph, ThreadingMode mode, int count)
    {
        // Repeated: with few events the halt can overtake the processor threads' start-up.
        var rounds = count < 1000 ? 20 : 1;
        for (var round = 0; round < rounds; round++)
        {
            var ring = RingBuffer<StageEvent>.CreateSingleProducer(1024, new YieldingWaitStrategy());
            var pipeline = new EventPipeline<StageEvent>(ring, new PipelineOptions { Threading = mode });
            var handlers = Graphs.Build(pipeline, graph);
            pipeline.Start();
            bool halted;
            try
            {
                new Worker("producer", () => Produce.Stages(ring, count)).Join();
            }
            finally
            {
                halted = pipeline.Halt(Timeouts.Safety);
            }

            Assert.True(halted, $"round {round}: Halt timed out");
            AssertStopped(pipeline, handlers);
            foreach (var h in handlers)
            {
                h.AssertClean();
                Assert.True(count == h.Count, $"round {round}: handler {h.Name} saw {h.Count} of {count} events");
            }
        }
    }

    [Theory]
    [InlineData(ThreadingMode.Dedicated)]
    [InlineData(ThreadingMode.Fused)]
    public void Halt_with_nothing_published_stops_cleanly(ThreadingMode mode)
    {
        var ring = RingBuffer<StageEvent>.CreateSingleProducer(64, new YieldingWaitStrategy());
        var pipeline = new EventPipeline<StageEvent>(ring, new PipelineOptions { Threading = mode });
        var handlers = Graphs.Build(pipeline, Graph.Diamond);
        pipeline.Start();
        Assert.True(pipeline.Halt(Timeouts.Safety));
        AssertStopped(pipeline, handlers);
        foreach (var h in handlers) Assert.Equal(0, h.Count);

        // Halting again is harmless: everything stays stopped (and Idle, not Halting).
        Assert.True(pipeline.Halt(Timeouts.Safety));
        AssertStopped(pipeline, handlers);
    }

    [Fact]
    public void Halt_before_Start_is_a_no_op()
    {
        var ring = RingBuffer<StageEvent>.CreateSingleProducer(64, new YieldingWaitStrategy());
        var pipeline = new EventPipeline<StageEvent>(ring);
        var handler = new StageHandler(0);
        pipeline.HandleEventsWith(handler);
        Assert.True(pipeline.Halt(TimeSpan.Zero));
        Assert.Equal(0, handler.StartCalls);
        Assert.Empty(pipeline.Processors);
    }

    [Fact]
    public void Halt_reports_a_handler_that_does_not_stop_in_time()
    {
        var logger = new ListLogger();
        var ring = RingBuffer<StageEvent>.CreateSingleProducer(64, new YieldingWaitStrategy());
        var pipeline = new EventPipeline<StageEvent>(ring, new PipelineOptions { Threading = ThreadingMode.Dedicated }, logger);
        var gate = new ManualResetEventSlim(false);
        var stuck = new StageHandler(0) { OnEach = _ => gate.Wait(Timeouts.Safety, TestContext.Current.CancellationToken) };
        pipeline.HandleEventsWith("stuck", stuck);
        pipeline.Start();
        try
        {
            Produce.Stages(ring, 1);
            Wait.AssertEventually(() => stuck.Thread is not null, "the handler to start");
            // The handler is blocked inside OnEvent until the gate opens: no timeout can be long enough.
            Assert.False(pipeline.Halt(TimeSpan.FromMilliseconds(50)));
            Assert.Contains(logger.At(LogLevel.Error), e => e.Message.Contains("did not stop", StringComparison.Ordinal));
        }
        finally
        {
            gate.Set();
        }
        Assert.True(pipeline.Halt(Timeouts.Safety));
        Assert.Equal(1, stuck.Count);
        AssertStopped(pipeline, [stuck]);
    }

    [Fact]
    public void Halting_a_processor_directly_drains_what_was_published()
    {
        const int count = 500;
        var ring = RingBuffer<SeqEvent>.CreateSingleProducer(1024, new BusySpinWaitStrategy());
        var handler = new SeqCheckingHandler();
        var consumer = new ConsumerThread<SeqEvent>(ring, handler);
        Produce.Seq(ring, count);
        consumer.Stop(); // Halt + wait, right after publishing
        handler.AssertClean();
        Assert.Equal(count, handler.Count);
        Assert.Equal(ProcessorState.Idle, consumer.Processor.State);
        Assert.False(consumer.Thread.IsAlive);
        Assert.Equal(1, handler.StartCalls);
        Assert.Equal(1, handler.ShutdownCalls);
    }

    [Fact]
    public void A_processor_halted_before_its_thread_runs_drains_and_stops()
    {
        var ring = RingBuffer<SeqEvent>.CreateSingleProducer(128, new YieldingWaitStrategy());
        var handler = new SeqCheckingHandler();
        var processor = new BatchEventProcessor<SeqEvent>("early", ring, ring.NewBarrier(), handler);
        ring.AddGatingSequences(processor.Sequence);
        Produce.Seq(ring, 100);
        processor.Halt();
        new Worker("early", processor.Run).Join(); // returns by itself
        handler.AssertClean();
        Assert.Equal(100, handler.Count);
        Assert.Equal(ProcessorState.Idle, processor.State);
        Assert.Equal(1, handler.ShutdownCalls);
    }

    [Fact]
    public void A_halt_racing_with_the_start_of_the_loop_is_never_lost()
    {
        for (var round = 0; round < 200; round++)
        {
            var ring = RingBuffer<SeqEvent>.CreateSingleProducer(16, new YieldingWaitStrategy());
            var handler = new SeqCheckingHandler();
            var processor = new BatchEventProcessor<SeqEvent>("race", ring, ring.NewBarrier(), handler);
            ring.AddGatingSequences(processor.Sequence);
            Produce.Seq(ring, 5);
            var worker = new Worker("race", processor.Run);
            if ((round & 1) == 0) Thread.Yield();
            processor.Halt();
            worker.Join(); // a lost halt leaves the loop running: this would time out
            Assert.Equal(5, handler.Count);
            Assert.Equal(ProcessorState.Idle, processor.State);
        }
    }

    [Fact]
    public void Halting_a_stopped_processor_leaves_it_idle_and_restartable()
    {
        var ring = RingBuffer<SeqEvent>.CreateSingleProducer(16, new YieldingWaitStrategy());
        var handler = new SeqCheckingHandler();
        var consumer = new ConsumerThread<SeqEvent>(ring, handler);
        consumer.Stop();
        consumer.Processor.Halt(); // e.g. a second shutdown path
        Assert.Equal(ProcessorState.Idle, consumer.Processor.State);
        Assert.False(consumer.Processor.IsRunning);

        var again = new Worker("again", consumer.Processor.Run);
        try
        {
            Wait.AssertEventually(() => consumer.Processor.State == ProcessorState.Running || !again.IsAlive, "the processor to start again");
            Assert.True(again.IsAlive, "the restarted loop stopped at once");
            Produce.Seq(ring, 5);
            Wait.AssertEventually(() => handler.Count == 5, "events after the restart");
        }
        finally
        {
            consumer.Processor.Halt();
        }
        again.Join();
        Assert.True(handler.Errors == 0, handler.FirstError);
    }

    [Fact]
    public void Halt_drains_even_when_the_last_wait_saw_upstream_just_before_it_finished()
    {
        // A wait strategy may return the dependency value it read before it noticed the alert (that is its contract).
        // Upstream finished after that read but before the alert: the processor must look again rather than stop.
        var ring = RingBuffer<SeqEvent>.CreateSingleProducer(16, new StaleOnAlertWaitStrategy());
        var upstream = new Sequence();
        var handler = new SeqCheckingHandler();
        var processor = new BatchEventProcessor<SeqEvent>("late", ring, ring.NewBarrier(upstream), handler);
        ring.AddGatingSequences(processor.Sequence);
        var worker = new Worker("late", processor.Run);
        Wait.AssertEventually(() => processor.IsRunning, "the processor to start");
        Wait.AssertEventually(() => (worker.Thread.ThreadState & ThreadState.WaitSleepJoin) != 0, "the processor to wait");

        Produce.Seq(ring, 5);
        upstream.SetValue(4); // upstream handles 0..4 and stops...
        processor.Halt();     // ...then we halt the downstream processor
        worker.Join();

        handler.AssertClean();
        Assert.Equal(5, handler.Count);
    }

    /// <summary>Reads the dependency once, then sleeps until it is alerted and returns that (stale) value.</summary>
    private sealed class StaleOnAlertWaitStrategy : IWaitStrategy
    {
        public long WaitFor(long sequence, Sequence cursor, ISequence dependency, SequenceBarrier barrier)
        {
            var seen = dependency.Value;
            if (seen >= sequence) return seen;
            while (!barrier.IsAlerted) Thread.Sleep(1);
            return seen;
        }

        public void SignalAllWhenBlocking() { }
    }

    private static void AssertStopped(EventPipeline<StageEvent> pipeline, StageHandler[] handlers)
    {
        foreach (var p in pipeline.Processors)
        {
            Assert.Equal(ProcessorState.Idle, p.State);
            Assert.False(p.IsRunning);
            Assert.True(p.WaitForStop(TimeSpan.Zero));
        }
        foreach (var h in handlers)
        {
            Assert.Equal(1, h.StartCalls);
            Assert.Equal(1, h.ShutdownCalls);
            Assert.NotNull(h.Thread);
            Assert.False(h.Thread.IsAlive, $"thread of {h.Name} still alive");
            Assert.Equal(h.StartThreadId, h.ShutdownThreadId);
            Assert.Equal(h.Thread.ManagedThreadId, h.StartThreadId);
            if (h.Count > 0) Assert.Equal(h.StartThreadId, h.EventThreadId);
        }
    }
}

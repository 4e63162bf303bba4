using TBot.Engine.Ring;
using TBot.Engine.Tests.Infrastructure;

namespace TBot.Engine.Tests.Ring;

public class EventPipelineTests
{
    public static TheoryData<Graph, ThreadingMode> GraphsAndModes()
    {
        var data = new TheoryData<Graph, ThreadingMode>();
        foreach (var graph in new[] { Graph.Chain, Graph.FanOut, Graph.Diamond })
        foreach (var mode in new[] { ThreadingMode.Dedicated, ThreadingMode.Fused })
            data.Add(graph, mode);
        return data;
    }

    [Theory]
    [MemberData(nameof(GraphsAndModes))]
    public void Every_handler_sees_every_event_in_order_and_only_after_its_upstream(Graph graph, ThreadingMode mode)
    {
        const int count = 200_000;
        var ring = RingBuffer<StageEvent>.CreateSingleProducer(1024, new YieldingWaitStrategy());
        var pipeline = new EventPipeline<StageEvent>(ring, new PipelineOptions { Threading = mode });
        var handlers = Graphs.Build(pipeline, graph);
        pipeline.Start();
        try
        {
            new Worker("producer", () => Produce.Stages(ring, count)).Join();
            Assert.True(pipeline.WaitUntilProcessed(count - 1, Timeouts.Safety), "pipeline did not process every event");
        }
        finally
        {
            Assert.True(pipeline.Halt(Timeouts.Safety));
        }

        Assert.Equal(mode == ThreadingMode.Fused, pipeline.IsFused);
        Assert.Equal(mode == ThreadingMode.Fused ? 1 : handlers.Length, pipeline.Processors.Count);
        var threads = new HashSet<int>();
        foreach (var h in handlers)
        {
            h.AssertClean();
            Assert.Equal(count, h.Count);
            Assert.Equal(count - 1, h.Last);
            threads.Add(h.EventThreadId);
        }
        Assert.Equal(mode == ThreadingMode.Fused ? 1 : handlers.Length, threads.Count);
        Assert.DoesNotContain(Environment.CurrentManagedThreadId, threads);
        Assert.False(pipeline.IsFaulted);
    }

    [Theory]
    [InlineData(ThreadingMode.Dedicated)]
    [InlineData(ThreadingMode.Fused)]
    public void A_diamond_fed_by_several_producers_sees_every_event(ThreadingMode mode)
    {
        const int producers = 2;
        const int perProducer = 50_000;
        var ring = RingBuffer<StageEvent>.CreateMultiProducer(256, new YieldingWaitStrategy());
        var pipeline = new EventPipeline<StageEvent>(ring, new PipelineOptions { Threading = mode, ProducerThreads = producers });
        var handlers = Graphs.Build(pipeline, Graph.Diamond);
        pipeline.Start();
        try
        {
            var workers = new Worker[producers];
            for (var p = 0; p < producers; p++)
                workers[p] = new Worker($"producer-{p}", () => Produce.Stages(ring, perProducer));
            foreach (var w in workers) w.Join();
            Assert.True(pipeline.WaitUntilProcessed(producers * perProducer - 1, Timeouts.Safety));
        }
        finally
        {
            Assert.True(pipeline.Halt(Timeouts.Safety));
        }
        foreach (var h in handlers)
        {
            h.AssertClean();
            Assert.Equal(producers * perProducer, h.Count);
        }
    }

    [Theory]
    [InlineData(ThreadingMode.Dedicated)]
    [InlineData(ThreadingMode.Fused)]
    public void A_slow_leaf_holds_the_producer_back_and_is_never_overwritten(ThreadingMode mode)
    {
        const int count = 20_000;
        var ring = RingBuffer<StageEvent>.CreateSingleProducer(32, new YieldingWaitStrategy());
        var pipeline = new EventPipeline<StageEvent>(ring, new PipelineOptions { Threading = mode });
        var handlers = Graphs.Build(pipeline, Graph.FanOut);
        handlers[2].OnEach = s => { if ((s & 3) == 0) Thread.Yield(); };
        pipeline.Start();
        var consumerSequences = new List<Sequence>();
        foreach (var p in pipeline.Processors) consumerSequences.AddRange(p.HandlerSequences);
        long lapViolations = 0;
        try
        {
            new Worker("producer", () =>
            {
                for (var i = 0; i < count; i++)
                {
                    var s = ring.Next();
                    foreach (var consumer in consumerSequences)
                        if (s - consumer.Value > ring.BufferSize) lapViolations++;
                    ref var e = ref ring[s];
                    e.Sequence = s;
                    e.A = e.B = e.C = e.D = -1;
                    ring.Publish(s);
                }
            }).Join();
            Assert.True(pipeline.WaitUntilProcessed(count - 1, Timeouts.Safety));
        }
        finally
        {
            Assert.True(pipeline.Halt(Timeouts.Safety));
        }
        Assert.Equal(0, lapViolations);
        foreach (var h in handlers)
        {
            h.AssertClean();
            Assert.Equal(count, h.Count);
        }
    }

    [Fact]
    public void Auto_mode_fuses_when_spinning_threads_would_outnumber_cores()
    {
        Assert.True(StartAuto(cores: 2, handlers: 3, new YieldingWaitStrategy()).IsFused);
        Assert.True(StartAuto(cores: 2, handlers: 2, new BusySpinWaitStrategy()).IsFused);
        Assert.False(StartAuto(cores: 16, handlers: 3, new YieldingWaitStrategy()).IsFused);
        Assert.False(StartAuto(cores: 2, handlers: 3, new BlockingWaitStrategy()).IsFused); // sleepers leave the cores free
        Assert.False(StartAuto(cores: 2, handlers: 3, new SleepingWaitStrategy()).IsFused);
        Assert.False(StartAuto(cores: 1, handlers: 1, new YieldingWaitStrategy()).IsFused); // nothing to fuse
    }

    private static EventPipeline<StageEvent> StartAuto(int cores, int handlers, IWaitStrategy wait)
    {
        const int count = 1000;
        var ring = RingBuffer<StageEvent>.CreateSingleProducer(64, wait);
        var pipeline = new EventPipeline<StageEvent>(ring, new PipelineOptions { Cores = cores });
        Assert.Equal(ThreadingMode.Auto, new PipelineOptions().Threading);
        var stages = new StageHandler[handlers];
        HandlerGroup<StageEvent>? previous = null;
        for (var i = 0; i < handlers; i++)
        {
            var upstream = new int[i];
            for (var u = 0; u < i; u++) upstream[u] = u;
            stages[i] = new StageHandler(i, upstream);
            previous = previous is null ? pipeline.HandleEventsWith(stages[i]) : previous.Then(stages[i]);
        }
        pipeline.Start();
        try
        {
            new Worker("producer", () => Produce.Stages(ring, count)).Join();
            Assert.True(pipeline.WaitUntilProcessed(count - 1, Timeouts.Safety));
        }
        finally
        {
            Assert.True(pipeline.Halt(Timeouts.Safety));
        }
        Assert.Equal(pipeline.IsFused ? 1 : handlers, pipeline.Processors.Count);
        foreach (var h in stages)
        {
            h.AssertClean();
            Assert.Equal(count, h.Count);
        }
        return pipeline;
    }

    [Theory]
    [InlineData(ThreadingMode.Dedicated)]
    [InlineData(ThreadingMode.Fused)]
    public void Threads_are_named_after_the_pipeline_and_the_handlers(ThreadingMode mode)
    {
        var ring = RingBuffer<StageEvent>.CreateSingleProducer(64, new YieldingWaitStrategy());
        var pipeline = new EventPipeline<StageEvent>(ring, new PipelineOptions { Name = "pipe", Threading = mode });
        var first = new StageHandler(0);
        var second = new StageHandler(1, 0);
        pipeline.HandleEventsWith("first", first).Then("second", second);
        pipeline.Start();
        try
        {
            Wait.AssertEventually(() => first.StartCalls == 1 && second.StartCalls == 1, "OnStart");
        }
        finally
        {
            Assert.True(pipeline.Halt(Timeouts.Safety));
        }
        if (mode == ThreadingMode.Fused)
        {
            Assert.Equal("pipe-fused", first.StartThreadName);
            Assert.Equal("pipe-fused", second.StartThreadName);
            Assert.Equal("pipe-fused", pipeline.Processors[0].Name);
        }
        else
        {
            Assert.Equal("pipe-first", first.StartThreadName);
            Assert.Equal("pipe-second", second.StartThreadName);
        }
    }

    [Fact]
    public void Registration_is_validated_and_closed_by_Start()
    {
        Assert.Throws<ArgumentNullException>(() => new EventPipeline<StageEvent>(null!));
        var ring = RingBuffer<StageEvent>.CreateSingleProducer(64, new YieldingWaitStrategy());
        var pipeline = new EventPipeline<StageEvent>(ring);
        Assert.Same(ring, pipeline.Ring);
        Assert.Throws<InvalidOperationException>(pipeline.Start); // nothing registered
        Assert.Throws<ArgumentNullException>(() => pipeline.HandleEventsWith("x", null!));

        var group = pipeline.HandleEventsWith(new StageHandler(0));
        pipeline.Start();
        try
        {
            Assert.Throws<InvalidOperationException>(pipeline.Start);
            Assert.Throws<InvalidOperationException>(() => pipeline.HandleEventsWith(new StageHandler(0)));
            Assert.Throws<InvalidOperationException>(() => group.Then(new StageHandler(1, 0)));
        }
        finally
        {
            Assert.True(pipeline.Halt(Timeouts.Safety));
        }
    }

    [Fact]
    public void A_stalled_middle_stage_holds_the_producer_back_through_the_leaf()
    {
        var ring = RingBuffer<StageEvent>.CreateSingleProducer(8, new YieldingWaitStrategy());
        var pipeline = new EventPipeline<StageEvent>(ring, new PipelineOptions { Threading = ThreadingMode.Dedicated });
        // B stalls on its first event, so C (the leaf, which gates the producer) cannot move either.
        var gate = new ManualResetEventSlim(false);
        var handlers = Graphs.Build(pipeline, Graph.Chain);
        handlers[1].OnEach = _ => gate.Wait(Timeouts.Safety, TestContext.Current.CancellationToken);
        pipeline.Start();
        try
        {
            for (var i = 0; i < 8; i++)
            {
                Assert.True(ring.TryNext(out var s));
                ring[s].Sequence = s;
                ring[s].A = ring[s].B = ring[s].C = ring[s].D = -1;
                ring.Publish(s);
            }
            // A can run through all eight, but C (the leaf) is stuck behind B: the ring is full.
            Wait.AssertEventually(() => handlers[0].Count == 8, "A to process everything");
            Assert.False(ring.TryNext(out _));
            Assert.Equal(0, ring.RemainingCapacity());
        }
        finally
        {
            gate.Set();
        }
        Assert.True(pipeline.WaitUntilProcessed(7, Timeouts.Safety));
        Assert.Equal(8, ring.RemainingCapacity());
        Assert.True(pipeline.Halt(Timeouts.Safety));
        foreach (var h in handlers)
        {
            h.AssertClean();
            Assert.Equal(8, h.Count);
        }
    }

    [Theory]
    [InlineData(ThreadingMode.Dedicated)]
    [InlineData(ThreadingMode.Fused)]
    public void Events_published_before_Start_are_skipped_by_every_handler_alike(ThreadingMode mode)
    {
        var ring = RingBuffer<StageEvent>.CreateSingleProducer(64, new YieldingWaitStrategy());
        Produce.Stages(ring, 10); // nobody is listening yet
        var pipeline = new EventPipeline<StageEvent>(ring, new PipelineOptions { Threading = mode });
        var handlers = Graphs.Build(pipeline, Graph.Diamond);
        foreach (var h in handlers) h.ExpectFrom(10);
        pipeline.Start();
        try
        {
            Produce.Stages(ring, 5);
            Assert.True(pipeline.WaitUntilProcessed(14, Timeouts.Safety));
        }
        finally
        {
            Assert.True(pipeline.Halt(Timeouts.Safety));
        }
        foreach (var h in handlers)
        {
            h.AssertClean();
            Assert.Equal(5, h.Count);
        }
    }

    [Fact]
    public void WaitUntilProcessed_returns_false_when_the_events_do_not_arrive()
    {
        var ring = RingBuffer<StageEvent>.CreateSingleProducer(64, new YieldingWaitStrategy());
        var pipeline = new EventPipeline<StageEvent>(ring);
        pipeline.HandleEventsWith(new StageHandler(0));
        pipeline.Start();
        try
        {
            Produce.Stages(ring, 3);
            Assert.True(pipeline.WaitUntilProcessed(2, Timeouts.Safety));
            Assert.False(pipeline.WaitUntilProcessed(3, TimeSpan.FromMilliseconds(20)));
        }
        finally
        {
            Assert.True(pipeline.Halt(Timeouts.Safety));
        }
    }
}

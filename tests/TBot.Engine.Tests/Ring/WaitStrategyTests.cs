using TBot.Engine.Ring;
using TBot.Engine.Tests.Infrastructure;

namespace TBot.Engine.Tests.Ring;

public class WaitStrategyTests
{
    public static TheoryData<WaitStrategyKind> Kinds() =>
        [WaitStrategyKind.BusySpin, WaitStrategyKind.Yielding, WaitStrategyKind.Sleeping, WaitStrategyKind.Blocking];

    /// <summary>Modest counts for the strategies that nap, so the suite stays quick.</summary>
    private static int EventsFor(WaitStrategyKind kind) => kind is WaitStrategyKind.Sleeping or WaitStrategyKind.Blocking ? 20_000 : 200_000;

    [Theory]
    [InlineData("busy", WaitStrategyKind.BusySpin)]
    [InlineData("busy-spin", WaitStrategyKind.BusySpin)]
    [InlineData("BusySpin", WaitStrategyKind.BusySpin)]
    [InlineData("spin", WaitStrategyKind.BusySpin)]
    [InlineData(" yield ", WaitStrategyKind.Yielding)]
    [InlineData("yielding", WaitStrategyKind.Yielding)]
    [InlineData("sleep", WaitStrategyKind.Sleeping)]
    [InlineData("Sleeping", WaitStrategyKind.Sleeping)]
    [InlineData("block", WaitStrategyKind.Blocking)]
    [InlineData("BLOCKING", WaitStrategyKind.Blocking)]
    public void Parse_accepts_the_configuration_words(string text, WaitStrategyKind expected)
    {
        Assert.Equal(expected, WaitStrategies.Parse(text));
    }

    [Fact]
    public void Parse_rejects_unknown_words()
    {
        var ex = Assert.Throws<FormatException>(() => WaitStrategies.Parse("nap"));
        Assert.Contains("nap", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Create_and_Name_round_trip(WaitStrategyKind kind)
    {
        var strategy = WaitStrategies.Create(kind);
        var expectedType = kind switch
        {
            WaitStrategyKind.BusySpin => typeof(BusySpinWaitStrategy),
            WaitStrategyKind.Yielding => typeof(YieldingWaitStrategy),
            WaitStrategyKind.Sleeping => typeof(SleepingWaitStrategy),
            _ => typeof(BlockingWaitStrategy),
        };
        Assert.IsType(expectedType, strategy);
        Assert.Equal(kind, WaitStrategies.Parse(WaitStrategies.Name(kind)));
        Assert.Throws<ArgumentOutOfRangeException>(() => WaitStrategies.Create((WaitStrategyKind)99));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Every_strategy_delivers_every_event_and_halts_cleanly(WaitStrategyKind kind)
    {
        var count = EventsFor(kind);
        var ring = RingBuffer<StageEvent>.CreateSingleProducer(256, WaitStrategies.Create(kind));
        var pipeline = new EventPipeline<StageEvent>(ring, new PipelineOptions { Threading = ThreadingMode.Fused });
        var handlers = Graphs.Build(pipeline, Graph.Chain);
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
        Assert.True(halted);
        foreach (var h in handlers)
        {
            h.AssertClean();
            Assert.Equal(count, h.Count);
            Assert.Equal(1, h.ShutdownCalls);
            Assert.False(h.Thread!.IsAlive);
        }
    }

    [Theory]
    [InlineData(WaitStrategyKind.Yielding)]
    [InlineData(WaitStrategyKind.Sleeping)]
    [InlineData(WaitStrategyKind.Blocking)]
    public void Dependent_consumers_on_their_own_threads_work_with_every_waiting_strategy(WaitStrategyKind kind)
    {
        // Busy-spin is left out: four spinning threads on a two-core machine would only crawl.
        var count = EventsFor(kind) / 2;
        var ring = RingBuffer<StageEvent>.CreateSingleProducer(128, WaitStrategies.Create(kind));
        var pipeline = new EventPipeline<StageEvent>(ring, new PipelineOptions { Threading = ThreadingMode.Dedicated });
        var handlers = Graphs.Build(pipeline, Graph.Diamond);
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
        Assert.True(halted);
        foreach (var h in handlers)
        {
            h.AssertClean();
            Assert.Equal(count, h.Count);
        }
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void WaitFor_returns_the_dependency_rather_than_the_cursor(WaitStrategyKind kind)
    {
        var ring = RingBuffer<SeqEvent>.CreateSingleProducer(16, WaitStrategies.Create(kind));
        var upstream = new Sequence();
        var barrier = ring.NewBarrier(upstream);
        Produce.Seq(ring, 10); // cursor 9
        upstream.SetValue(3);
        Assert.Equal(3, barrier.WaitFor(0));
        Assert.Equal(3, barrier.WaitFor(3));
        Assert.Equal(3, barrier.Peek());

        long result = long.MinValue;
        var waiter = new Worker("waiter", () => Volatile.Write(ref result, barrier.WaitFor(6)));
        Thread.Sleep(20);
        Assert.Equal(long.MinValue, Volatile.Read(ref result)); // upstream is at 3: nothing to return yet
        upstream.SetValue(7);
        waiter.Join();
        Assert.Equal(7, result);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void An_alert_ends_a_wait_with_less_than_was_asked(WaitStrategyKind kind)
    {
        var ring = RingBuffer<SeqEvent>.CreateSingleProducer(16, WaitStrategies.Create(kind));
        var barrier = ring.NewBarrier();

        long result = long.MinValue;
        var waiter = new Worker("waiter", () => Volatile.Write(ref result, barrier.WaitFor(0)));
        Thread.Sleep(20);
        Assert.Equal(long.MinValue, Volatile.Read(ref result));
        barrier.Alert();
        waiter.Join();
        Assert.Equal(-1, result);
        Assert.True(barrier.IsAlerted);

        // Still alerted: returns at once. Cleared: waits again until something is published.
        Assert.Equal(-1, barrier.WaitFor(0));
        barrier.ClearAlert();
        Assert.False(barrier.IsAlerted);
        Produce.Seq(ring, 2);
        Assert.Equal(1, barrier.WaitFor(0));
    }

    [Fact]
    public void Blocking_consumer_wakes_when_the_producer_publishes_after_an_idle_period()
    {
        var ring = RingBuffer<SeqEvent>.CreateSingleProducer(64, new BlockingWaitStrategy());
        var handler = new SeqCheckingHandler();
        using var consumer = new ConsumerThread<SeqEvent>(ring, handler);
        for (var i = 0; i < 10; i++)
        {
            // Idle: wait until the consumer really sleeps on the monitor...
            Wait.AssertEventually(() => (consumer.Thread.ThreadState & ThreadState.WaitSleepJoin) != 0, "the consumer to block");
            // ...then publish one event: it must be woken up and handle it.
            Produce.Seq(ring, 1);
            consumer.AssertProcessed(i);
        }
        Wait.AssertEventually(() => (consumer.Thread.ThreadState & ThreadState.WaitSleepJoin) != 0, "the consumer to block");
        consumer.Stop(); // the alert must wake it as well
        handler.AssertClean();
        Assert.Equal(10, handler.Count);
    }

    [Fact]
    public void Blocking_waiter_is_released_by_publish()
    {
        var strategy = new BlockingWaitStrategy();
        var ring = RingBuffer<SeqEvent>.CreateSingleProducer(8, strategy);
        var barrier = ring.NewBarrier();
        long result = long.MinValue;
        var waiter = new Worker("waiter", () => Volatile.Write(ref result, barrier.WaitFor(2)));
        Wait.AssertEventually(() => (waiter.Thread.ThreadState & ThreadState.WaitSleepJoin) != 0, "the waiter to block");
        Produce.Seq(ring, 2);
        Assert.Equal(long.MinValue, Volatile.Read(ref result)); // 0 and 1 are not enough
        Produce.Seq(ring, 2);
        waiter.Join();
        Assert.InRange(result, 2, 3); // woken by the publish of 2, or of 3 if it lost the race for the lock
    }

    [Fact]
    public void Signalling_without_waiters_is_harmless()
    {
        foreach (var kind in new[] { WaitStrategyKind.BusySpin, WaitStrategyKind.Yielding, WaitStrategyKind.Sleeping, WaitStrategyKind.Blocking })
        {
            var strategy = WaitStrategies.Create(kind);
            strategy.SignalAllWhenBlocking();
            var cursor = new Sequence(5);
            var ring = RingBuffer<SeqEvent>.CreateSingleProducer(8, strategy);
            Assert.Equal(5, strategy.WaitFor(5, cursor, cursor, ring.NewBarrier()));
        }
    }
}

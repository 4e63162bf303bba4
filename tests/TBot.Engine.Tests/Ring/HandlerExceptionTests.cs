using Microsoft.Extensions.Logging;
using TBot.Engine.Ring;
using TBot.Engine.Tests.Infrastructure;

namespace TBot.Engine.Tests.Ring;

public class HandlerExceptionTests
{
    private static readonly Func<long, bool> EveryFortiethFromSeven = s => s % 40 == 7;

    /// <summary>Registers A → B → C under the names "A", "B", "C".</summary>
    private static (StageHandler A, StageHandler B, StageHandler C) Chain(EventPipeline<StageEvent> pipeline)
    {
        var a = new StageHandler(0);
        var b = new StageHandler(1, 0);
        var c = new StageHandler(2, 0, 1);
        var ga = pipeline.HandleEventsWith("A", a);
        var gb = ga.Then("B", b);
        gb.Then("C", c);
        b.UpstreamSequences = ga.Sequences;
        c.UpstreamSequences = [.. ga.Sequences, .. gb.Sequences];
        return (a, b, c);
    }

    [Theory]
    [InlineData(ThreadingMode.Dedicated)]
    [InlineData(ThreadingMode.Fused)]
    public void SkipEvent_logs_counts_and_carries_on(ThreadingMode mode)
    {
        const int count = 1000; // 25 of them make B throw
        var logger = new ListLogger();
        var ring = RingBuffer<StageEvent>.CreateSingleProducer(64, new YieldingWaitStrategy());
        var pipeline = new EventPipeline<StageEvent>(ring,
            new PipelineOptions { Threading = mode, ExceptionPolicy = HandlerExceptionPolicy.SkipEvent }, logger);
        var (a, b, c) = Chain(pipeline);
        b.ThrowOn = EveryFortiethFromSeven;
        c.UpstreamSkips = EveryFortiethFromSeven; // B never marks the events it threw on
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

        Assert.False(pipeline.IsFaulted);
        a.AssertClean();
        b.AssertClean();
        c.AssertClean();
        Assert.Equal(count, a.Count);
        Assert.Equal(25, b.Thrown);
        Assert.Equal(count - 25, b.Count); // B skipped exactly the events it threw on...
        Assert.Equal(count, c.Count);      // ...and C downstream still saw all of them

        long exceptions = 0;
        foreach (var p in pipeline.Processors)
        {
            exceptions += p.Exceptions;
            Assert.Equal(ProcessorState.Idle, p.State);
            Assert.Null(p.Fault);
        }
        Assert.Equal(25, exceptions);
        if (mode == ThreadingMode.Dedicated) Assert.Equal(25, pipeline.Processors[1].Exceptions);

        // Logged: rate-limited to the first ten, each with the exception, the handler and the sequence.
        var errors = logger.At(LogLevel.Error);
        Assert.Equal(10, errors.Count);
        for (var i = 0; i < errors.Count; i++)
        {
            var e = errors[i];
            var ex = Assert.IsType<InvalidOperationException>(e.Exception);
            Assert.Equal($"B fails on {7 + 40 * i}", ex.Message);
            Assert.Equal("B", e.Properties["Handler"]);
            Assert.Equal(7L + 40 * i, e.Properties["Sequence"]);
            Assert.Equal(HandlerExceptionPolicy.SkipEvent, e.Properties["Policy"]);
        }
    }

    [Theory]
    [InlineData(ThreadingMode.Dedicated)]
    [InlineData(ThreadingMode.Fused)]
    public void Halt_policy_faults_the_processor_and_keeps_the_event_from_downstream(ThreadingMode mode)
    {
        const int count = 100;
        const int failing = 50;
        var logger = new ListLogger();
        var ring = RingBuffer<StageEvent>.CreateSingleProducer(1024, new YieldingWaitStrategy());
        var pipeline = new EventPipeline<StageEvent>(ring,
            new PipelineOptions { Threading = mode, ExceptionPolicy = HandlerExceptionPolicy.Halt }, logger);
        var (a, b, c) = Chain(pipeline);
        b.ThrowOn = s => s == failing;
        pipeline.Start();
        BatchEventProcessor<StageEvent> faulted;
        try
        {
            Produce.Stages(ring, count);
            Wait.AssertEventually(() => pipeline.IsFaulted, "the pipeline to fault");
            Assert.False(pipeline.WaitUntilProcessed(count - 1, Timeouts.Safety)); // returns at once: faulted
            faulted = pipeline.Processors[mode == ThreadingMode.Fused ? 0 : 1];
            Assert.True(faulted.WaitForStop(Timeouts.Safety));
            // B's sequence stays before the failed event; C, the leaf behind it, holds the producer back from there.
            Assert.Equal(failing - 1, faulted.HandlerSequences[mode == ThreadingMode.Fused ? 1 : 0].Value);
            Wait.AssertEventually(() => c.Last == failing - 1, "C to catch up with B");
            Assert.Equal(1024 - (count - failing), ring.RemainingCapacity());
        }
        finally
        {
            Assert.True(pipeline.Halt(Timeouts.Safety));
        }

        Assert.True(pipeline.IsFaulted);
        Assert.Equal(ProcessorState.Faulted, faulted.State);
        Assert.False(faulted.IsRunning);
        var fault = Assert.IsType<InvalidOperationException>(faulted.Fault);
        Assert.Equal($"B fails on {failing}", fault.Message);
        Assert.Equal(1, faulted.Exceptions);
        Assert.Equal(1, b.Thrown);

        a.AssertClean();
        b.AssertClean();
        c.AssertClean();
        Assert.Equal(failing, b.Count); // handled 0..49, threw on 50, never got further
        Assert.Equal(failing, b.Last);
        Assert.Equal(failing - 1, c.Last); // C saw everything before the failed event, and nothing from it on
        Assert.Equal(failing, c.Count);
        if (mode == ThreadingMode.Dedicated)
        {
            Assert.Equal(count, a.Count); // A does not depend on B
            Assert.Equal(ProcessorState.Idle, pipeline.Processors[0].State);
            Assert.Equal(ProcessorState.Idle, pipeline.Processors[2].State);
        }
        else
        {
            Assert.InRange(a.Count, failing + 1, count); // A finished the batch that B failed in
        }
        Assert.Equal(1, b.ShutdownCalls);
        Assert.Equal(1024, ring.RemainingCapacity()); // a halted pipeline no longer gates the ring

        var error = Assert.Single(logger.At(LogLevel.Error));
        Assert.Same(fault, error.Exception);
        Assert.Equal((long)failing, error.Properties["Sequence"]);
        Assert.Equal(HandlerExceptionPolicy.Halt, error.Properties["Policy"]);
    }

    [Fact]
    public void A_faulted_processor_can_be_reset_and_retries_the_failed_event()
    {
        var logger = new ListLogger();
        var ring = RingBuffer<SeqEvent>.CreateSingleProducer(16, new YieldingWaitStrategy());
        var handler = new FailOnceHandler(failAt: 5);
        var processor = new BatchEventProcessor<SeqEvent>("p", ring, ring.NewBarrier(), handler, HandlerExceptionPolicy.Halt, logger);
        ring.AddGatingSequences(processor.Sequence);

        var first = new Worker("p-1", processor.Run);
        Produce.Seq(ring, 10);
        first.Join(); // the loop returns by itself on the fault
        Assert.Equal(ProcessorState.Faulted, processor.State);
        Assert.NotNull(processor.Fault);
        Assert.Equal(4, processor.Sequence.Value);
        Assert.Throws<InvalidOperationException>(processor.Run); // faulted: must be reset first

        processor.ResetFault();
        Assert.Equal(ProcessorState.Idle, processor.State);
        Assert.Null(processor.Fault);
        var second = new Worker("p-2", processor.Run);
        try
        {
            Wait.AssertEventually(() => processor.Sequence.Value == 9, "the rest of the events");
        }
        finally
        {
            processor.Halt();
        }
        second.Join();

        Assert.Equal([0L, 1, 2, 3, 4, 5, 5, 6, 7, 8, 9], handler.Seen);
        Assert.Equal(1, processor.Exceptions);
        Assert.Single(logger.At(LogLevel.Error));
    }

    [Fact]
    public void ResetFault_does_nothing_to_a_processor_that_is_not_faulted()
    {
        var ring = RingBuffer<SeqEvent>.CreateSingleProducer(16, new YieldingWaitStrategy());
        using var consumer = new ConsumerThread<SeqEvent>(ring, new SeqCheckingHandler());
        consumer.Processor.ResetFault();
        Assert.Equal(ProcessorState.Running, consumer.Processor.State);
        consumer.Stop();
        consumer.Processor.ResetFault();
        Assert.Equal(ProcessorState.Idle, consumer.Processor.State);
    }

    [Fact]
    public void Logging_of_a_handler_that_always_throws_is_rate_limited_but_every_exception_counted()
    {
        const int count = 10_050;
        var logger = new ListLogger();
        var ring = RingBuffer<SeqEvent>.CreateSingleProducer(256, new YieldingWaitStrategy());
        using var consumer = new ConsumerThread<SeqEvent>(ring, new AlwaysThrowsHandler(), HandlerExceptionPolicy.SkipEvent, logger);
        new Worker("producer", () => Produce.Seq(ring, count)).Join();
        consumer.AssertProcessed(count - 1);
        consumer.Stop();

        Assert.Equal(count, consumer.Processor.Exceptions);
        Assert.Equal(count, consumer.Processor.Events);
        Assert.Equal(ProcessorState.Idle, consumer.Processor.State);
        var errors = logger.At(LogLevel.Error);
        Assert.Equal(11, errors.Count); // the first ten, then the ten-thousandth
        Assert.Equal(10_000L, errors[10].Properties["Count"]);
    }

    [Fact]
    public void A_throwing_OnShutdown_is_logged_and_does_not_stop_the_other_handlers_shutting_down()
    {
        var logger = new ListLogger();
        var ring = RingBuffer<SeqEvent>.CreateSingleProducer(16, new YieldingWaitStrategy());
        var bad = new ThrowingShutdownHandler();
        var good = new SeqCheckingHandler();
        var consumer = new ConsumerThread<SeqEvent>(ring, [bad, good], logger: logger);
        Produce.Seq(ring, 3);
        consumer.Stop();

        Assert.Equal(1, good.ShutdownCalls);
        Assert.Equal(3, good.Count);
        Assert.Equal(1, consumer.Processor.Exceptions);
        Assert.Equal(ProcessorState.Idle, consumer.Processor.State);
        var error = Assert.Single(logger.At(LogLevel.Error));
        Assert.Contains("OnShutdown", error.Message, StringComparison.Ordinal);
        Assert.IsType<NotSupportedException>(error.Exception);
    }

    private sealed class FailOnceHandler(long failAt) : IEventHandler<SeqEvent>
    {
        private bool _failed;
        public List<long> Seen { get; } = [];

        public void OnEvent(ref SeqEvent evt, long sequence, bool endOfBatch)
        {
            Seen.Add(sequence);
            if (sequence == failAt && !_failed)
            {
                _failed = true;
                throw new InvalidOperationException("first attempt fails");
            }
        }
    }

    private sealed class AlwaysThrowsHandler : IEventHandler<SeqEvent>
    {
        public void OnEvent(ref SeqEvent evt, long sequence, bool endOfBatch) => throw new InvalidOperationException("always");
    }

    private sealed class ThrowingShutdownHandler : IEventHandler<SeqEvent>
    {
        public void OnEvent(ref SeqEvent evt, long sequence, bool endOfBatch) { }

        public void OnShutdown() => throw new NotSupportedException("shutdown failed");
    }
}

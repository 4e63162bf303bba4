using Microsoft.Extensions.Logging;
using TBot.Engine.Ring;

namespace TBot.Engine.Tests.Infrastructure;

/// <summary>A <see cref="BatchEventProcessor{T}"/> gating the ring and running on its own thread.</summary>
public sealed class ConsumerThread<T> : IDisposable where T : unmanaged
{
    private readonly Worker _worker;

    public ConsumerThread(RingBuffer<T> ring, IEventHandler<T>[] handlers,
        HandlerExceptionPolicy policy = HandlerExceptionPolicy.SkipEvent, ILogger? logger = null, string name = "consumer")
    {
        Processor = new BatchEventProcessor<T>(name, ring, ring.NewBarrier(), handlers, policy, logger);
        ring.AddGatingSequences(Processor.Sequence);
        _worker = new Worker(name, Processor.Run);
        // Halt() only reaches a processor whose loop has started: wait for that before handing it out.
        Wait.AssertEventually(() => Processor.State != ProcessorState.Idle || !_worker.IsAlive, "the processor to start");
    }

    public ConsumerThread(RingBuffer<T> ring, IEventHandler<T> handler,
        HandlerExceptionPolicy policy = HandlerExceptionPolicy.SkipEvent, ILogger? logger = null, string name = "consumer")
        : this(ring, [handler], policy, logger, name)
    {
    }

    public BatchEventProcessor<T> Processor { get; }

    public Thread Thread => _worker.Thread;

    public void AssertProcessed(long sequence) =>
        Wait.AssertEventually(() => Processor.Sequence.Value >= sequence || Processor.State == ProcessorState.Faulted,
            $"consumer to reach {sequence} (at {Processor.Sequence.Value})");

    /// <summary>Halt the processor and join its thread (rethrowing anything that escaped it).</summary>
    public void Stop()
    {
        Processor.Halt();
        Assert.True(Processor.WaitForStop(Timeouts.Safety), "processor did not stop");
        _worker.Join();
    }

    /// <summary>Best-effort stop, so a failed test does not leave a spinning thread behind.</summary>
    public void Dispose()
    {
        if (_worker.IsAlive) Processor.Halt();
    }
}

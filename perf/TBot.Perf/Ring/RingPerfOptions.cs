using TBot.Engine.Ring;

namespace TBot.Perf.Ring;

/// <summary>Settings of <c>tbot perf ring</c>.</summary>
public sealed record RingPerfOptions
{
    /// <summary>Events per throughput run.</summary>
    public long Events { get; init; } = 20_000_000;

    /// <summary>Round trips in the ping-pong latency run.</summary>
    public int Pings { get; init; } = 1_000_000;

    public int RingSize { get; init; } = 1 << 16;

    public WaitStrategyKind WaitStrategy { get; init; } = WaitStrategyKind.Yielding;

    /// <summary>Measured repetitions of each throughput scenario (after one warm-up run); the median is reported.</summary>
    public int Runs { get; init; } = 3;

    /// <summary>Pin the producer to CPU 0 and the consumer thread to CPU 1.</summary>
    public bool Pin { get; init; }

    /// <summary>How the 3-stage pipeline maps onto threads (Auto fuses on small hosts).</summary>
    public ThreadingMode PipelineThreading { get; init; } = ThreadingMode.Auto;
}

using System.Diagnostics;
using TBot.Engine.Ring;

namespace TBot.Perf.Benchmarks.Ring;

/// <summary>The event of the sequencer, 1P1C and chain suites: two longs (16 bytes).</summary>
public struct BenchEvent
{
    public long Value;
    public long Aux;
}

/// <summary>The diamond's event: B and C run in parallel, so each writes its own field.</summary>
public struct DiamondEvent
{
    public long Value;
    public long Scaled;
    public long Left;
    public long Right;
}

/// <summary>Helpers shared by the suites.</summary>
public static class Bench
{
    /// <summary>Ring size of the threaded suites (1 MiB of 16-byte events).</summary>
    public const int RingSize = 1 << 16;

    /// <summary>How long a setup, drain or halt may take before the benchmark is failed instead of hanging.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    /// <summary>The producer's wait for the consumers: spin on <paramref name="sequence"/> until it reaches
    /// <paramref name="target"/>, yielding the core after a few spins (never sleeping for 1 ms, which would
    /// dominate the measurement). Throws instead of hanging forever if the consumers stop making progress.</summary>
    public static void WaitFor(Sequence sequence, long target)
    {
        if (sequence.Value >= target) return;
        var spinner = new SpinWait();
        long started = 0;
        while (sequence.Value < target)
        {
            spinner.SpinOnce(sleep1Threshold: -1);
            if ((spinner.Count & 0xFFFF) == 0)
            {
                if (started == 0) started = Stopwatch.GetTimestamp();
                else if (Stopwatch.GetElapsedTime(started) > Timeout)
                    throw new TimeoutException($"Consumers stuck at {sequence.Value}, waiting for {target}.");
            }
        }
    }

    /// <summary>Wait until a freshly started processor is running (so a later Halt cannot race its start).</summary>
    public static void WaitUntilRunning<T>(IEnumerable<BatchEventProcessor<T>> processors) where T : unmanaged
    {
        var started = Stopwatch.GetTimestamp();
        foreach (var p in processors)
        {
            while (!p.IsRunning)
            {
                if (Stopwatch.GetElapsedTime(started) > Timeout)
                    throw new TimeoutException($"Processor {p.Name} did not start.");
                Thread.Sleep(1);
            }
        }
    }

    /// <summary>Fail the benchmark (rather than report a number) when the handlers saw the wrong events.</summary>
    public static void Check(bool condition, string message)
    {
        if (!condition) throw new InvalidOperationException(message);
    }
}

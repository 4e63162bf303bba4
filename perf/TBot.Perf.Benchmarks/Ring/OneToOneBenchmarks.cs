using BenchmarkDotNet.Attributes;
using TBot.Engine.Ring;

namespace TBot.Perf.Benchmarks.Ring;

/// <summary>
/// One producer (the benchmark thread) and one <see cref="BatchEventProcessor{T}"/> on its own thread.
/// An invocation publishes <see cref="Events"/> events and waits until the consumer has processed the last
/// one, so the result is the sustained per-event cost of the hand-off (throughput, not latency).
/// Two spinning threads at most (producer + consumer): fits the 2-core box even with busy-spin.
/// </summary>
[MemoryDiagnoser]
public class OneToOneBenchmarks
{
    public const int Events = 1 << 20;

    private RingBuffer<BenchEvent> _ring = null!;
    private BatchEventProcessor<BenchEvent> _processor = null!;
    private SumHandler _handler = null!;
    private Thread _thread = null!;
    private long _published;
    private long _expectedSum;

    /// <summary>The consumer's wait strategy: yield (the default of the engine) and busy-spin.</summary>
    [Params(WaitStrategyKind.Yielding, WaitStrategyKind.BusySpin)]
    public WaitStrategyKind WaitStrategy { get; set; } = WaitStrategyKind.Yielding;

    [GlobalSetup]
    public void Setup()
    {
        _ring = RingBuffer<BenchEvent>.CreateSingleProducer(Bench.RingSize, WaitStrategies.Create(WaitStrategy));
        _handler = new SumHandler();
        _processor = new BatchEventProcessor<BenchEvent>("bench-1p1c", _ring, _ring.NewBarrier(), _handler);
        _ring.AddGatingSequences(_processor.Sequence);
        _thread = new Thread(_processor.Run) { Name = "bench-1p1c", IsBackground = true };
        _thread.Start();
        Bench.WaitUntilRunning([_processor]);
    }

    [Benchmark(OperationsPerInvoke = Events)]
    public long Publish()
    {
        var ring = _ring;
        var s = Sequence.InitialValue;
        for (var i = 0; i < Events; i++)
        {
            s = ring.Next();
            ref var e = ref ring[s];
            e.Value = i;
            e.Aux = 1;
            ring.Publish(s);
        }
        Bench.WaitFor(_processor.Sequence, s);
        _published += Events;
        _expectedSum += (long)Events * (Events - 1) / 2 + Events;
        return s;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _processor.Halt();
        Bench.Check(_processor.WaitForStop(Bench.Timeout) && _thread.Join(Bench.Timeout), "The consumer did not stop.");
        Bench.Check(_handler.Count == _published, $"Consumer saw {_handler.Count} events, {_published} were published.");
        Bench.Check(_handler.Sum == _expectedSum, $"Consumer sum {_handler.Sum}, expected {_expectedSum}.");
        Console.WriteLine($"// 1P1C {WaitStrategies.Name(WaitStrategy)}: {_published} events, average batch {_processor.AverageBatch:F1}");
    }
}

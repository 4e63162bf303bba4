using BenchmarkDotNet.Attributes;
using TBot.Engine.Ring;

namespace TBot.Perf.Benchmarks.Ring;

/// <summary>
/// A diamond A → (B, C) → D built with <see cref="EventPipeline{T}"/>: A writes Scaled, B and C (in parallel
/// when dedicated) write Left and Right, D checks both and sums. Fused runs the four handlers on one consumer
/// thread; Dedicated runs one thread each (4 consumers + the producer on 2 cores), hence Yielding.
/// An invocation publishes <see cref="Events"/> events and waits until D has processed the last one.
/// </summary>
[MemoryDiagnoser]
public class DiamondBenchmarks
{
    public const int Events = 1 << 20;

    private RingBuffer<DiamondEvent> _ring = null!;
    private EventPipeline<DiamondEvent> _pipeline = null!;
    private DiamondScaleHandler _a = null!;
    private DiamondLeftHandler _b = null!;
    private DiamondRightHandler _c = null!;
    private DiamondJoinHandler _d = null!;
    private Sequence _leaf = null!;
    private long _published;
    private long _expectedSum;

    [Params(ThreadingMode.Fused, ThreadingMode.Dedicated)]
    public ThreadingMode Mode { get; set; } = ThreadingMode.Fused;

    [GlobalSetup]
    public void Setup()
    {
        _ring = RingBuffer<DiamondEvent>.CreateSingleProducer(Bench.RingSize, WaitStrategies.Create(WaitStrategyKind.Yielding));
        _pipeline = new EventPipeline<DiamondEvent>(_ring, new PipelineOptions { Name = "bench", Threading = Mode });
        _a = new DiamondScaleHandler();
        _b = new DiamondLeftHandler();
        _c = new DiamondRightHandler();
        _d = new DiamondJoinHandler();
        var a = _pipeline.HandleEventsWith("A", _a);
        var b = a.Then("B", _b);
        var c = a.Then("C", _c);
        _leaf = _pipeline.After(b, c).Then("D", _d).Sequences[0];
        _pipeline.Start();
        Bench.WaitUntilRunning(_pipeline.Processors);
    }

    [Benchmark(OperationsPerInvoke = Events)]
    public long Diamond()
    {
        var ring = _ring;
        var s = Sequence.InitialValue;
        for (var i = 0; i < Events; i++)
        {
            s = ring.Next();
            ref var e = ref ring[s];
            e.Value = i;
            e.Scaled = 0;
            e.Left = 0;
            e.Right = 0;
            ring.Publish(s);
        }
        Bench.WaitFor(_leaf, s);
        _published += Events;
        // Left + Right = 2 * Scaled + 3 = 6 * Value + 3.
        _expectedSum += 6L * Events * (Events - 1) / 2 + 3L * Events;
        return s;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        Bench.Check(_pipeline.Halt(Bench.Timeout), "The pipeline did not stop.");
        Bench.Check(_a.Count == _published && _b.Count == _published && _c.Count == _published && _d.Count == _published,
            $"Counts A={_a.Count} B={_b.Count} C={_c.Count} D={_d.Count}, published {_published}.");
        Bench.Check(_b.Errors == 0 && _c.Errors == 0 && _d.Errors == 0, $"Stale reads: B={_b.Errors} C={_c.Errors} D={_d.Errors}.");
        Bench.Check(_d.Sum == _expectedSum, $"D sum {_d.Sum}, expected {_expectedSum}.");
        Console.WriteLine($"// diamond {Mode} (fused={_pipeline.IsFused}): {_published} events, average batch " +
            string.Join(", ", _pipeline.Processors.Select(p => $"{p.Name}={p.AverageBatch:F1}")));
    }
}

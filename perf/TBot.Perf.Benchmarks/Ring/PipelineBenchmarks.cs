using BenchmarkDotNet.Attributes;
using TBot.Engine.Ring;

namespace TBot.Perf.Benchmarks.Ring;

/// <summary>
/// A three-stage chain A → B → C built with <see cref="EventPipeline{T}"/>: A writes the slot, B checks and
/// updates it, C checks and sums. Fused runs the chain on one consumer thread; Dedicated runs one thread
/// per stage (3 consumers + the producer on 2 cores), which is why the wait strategy is Yielding.
/// An invocation publishes <see cref="Events"/> events and waits until C has processed the last one.
/// </summary>
[MemoryDiagnoser]
public class PipelineBenchmarks
{
    public const int Events = 1 << 20;

    private RingBuffer<BenchEvent> _ring = null!;
    private EventPipeline<BenchEvent> _pipeline = null!;
    private ScaleHandler _a = null!;
    private IncrementHandler _b = null!;
    private ChainSumHandler _c = null!;
    private Sequence _leaf = null!;
    private long _published;
    private long _expectedSum;

    [Params(ThreadingMode.Fused, ThreadingMode.Dedicated)]
    public ThreadingMode Mode { get; set; } = ThreadingMode.Fused;

    [GlobalSetup]
    public void Setup()
    {
        _ring = RingBuffer<BenchEvent>.CreateSingleProducer(Bench.RingSize, WaitStrategies.Create(WaitStrategyKind.Yielding));
        _pipeline = new EventPipeline<BenchEvent>(_ring, new PipelineOptions { Name = "bench", Threading = Mode });
        _a = new ScaleHandler();
        _b = new IncrementHandler();
        _c = new ChainSumHandler();
        _leaf = _pipeline.HandleEventsWith("A", _a).Then("B", _b).Then("C", _c).Sequences[0];
        _pipeline.Start();
        Bench.WaitUntilRunning(_pipeline.Processors);
    }

    [Benchmark(OperationsPerInvoke = Events)]
    public long Chain()
    {
        var ring = _ring;
        var s = Sequence.InitialValue;
        for (var i = 0; i < Events; i++)
        {
            s = ring.Next();
            ref var e = ref ring[s];
            e.Value = i;
            e.Aux = 0;
            ring.Publish(s);
        }
        Bench.WaitFor(_leaf, s);
        _published += Events;
        _expectedSum += 3L * Events * (Events - 1) / 2 + Events;
        return s;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        Bench.Check(_pipeline.Halt(Bench.Timeout), "The pipeline did not stop.");
        Bench.Check(_a.Count == _published && _b.Count == _published && _c.Count == _published,
            $"Counts A={_a.Count} B={_b.Count} C={_c.Count}, published {_published}.");
        Bench.Check(_b.Errors == 0 && _c.Errors == 0, $"Stale reads: B={_b.Errors} C={_c.Errors}.");
        Bench.Check(_c.Sum == _expectedSum, $"C sum {_c.Sum}, expected {_expectedSum}.");
        Console.WriteLine($"// chain {Mode} (fused={_pipeline.IsFused}): {_published} events, average batch " +
            string.Join(", ", _pipeline.Processors.Select(p => $"{p.Name}={p.AverageBatch:F1}")));
    }
}

using BenchmarkDotNet.Attributes;
using TBot.Engine.Backtest;
using TBot.Engine.Journal;
using TBot.Perf.Backtest;

namespace TBot.Perf.Benchmarks.Backtest;

/// <summary>
/// One backtest event (per op: the whole generated history, <see cref="EventsPerInstrument"/> × 2 book/quote/trade
/// events from two catalog leaves on tmpfs): <see cref="Merge"/> = journal reading + k-way merge; <see cref="MergeAndCore"/>
/// = that + engine-time timers + the trading core (market maker + mean reversion, risk, orders, paper gateway with
/// the queue model) + equity sampling, on one thread. Allocated must stay at the leaves' fixed cost (readers, pooled
/// buffers), i.e. ≈ 0 per event.
/// </summary>
[MemoryDiagnoser]
public class BacktestBenchmarks
{
    private const int EventsPerInstrument = 500_000;
    private const int Events = 2 * EventsPerInstrument;
    private List<BacktestLeaf> _leaves = [];

    [GlobalSetup]
    public void Setup() => _leaves = BacktestDataset.Ensure(Path.Combine(Directory.Exists("/dev/shm") ? "/dev/shm" : Path.GetTempPath(), "tbot-bench-backtest"), EventsPerInstrument);

    [Benchmark(OperationsPerInvoke = Events)]
    public long Merge()
    {
        long sum = 0;
        using var merger = new EventMerger(_leaves);
        while (merger.MoveNext()) sum += merger.Current.Price;
        return sum;
    }

    private BacktestHandler _handler = null!;

    /// <summary>A fresh core per run of the history (engine time starts over), built outside the measurement.</summary>
    [IterationSetup(Target = nameof(MergeAndCore))]
    public void NewCore()
    {
        var core = BacktestPerfCore.Build(BacktestDataset.Registry(), NullDecisionLog.Instance);
        _handler = new BacktestHandler(core, new EquitySampler(core.Orders.Portfolio, core.Market, [1, 2], 60_000_000_000));
    }

    [Benchmark(OperationsPerInvoke = Events)]
    public long MergeAndCore()
    {
        using var merger = new EventMerger(_leaves);
        var feeder = new BacktestFeeder(merger, 100_000_000);
        feeder.Run(new DirectPublisher<BacktestHandler>(_handler));
        return _handler.Events;
    }
}

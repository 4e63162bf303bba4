using System.Diagnostics;
using TBot.Adapters.Simulator.Faults;
using TBot.Adapters.Simulator.Market;
using TBot.Adapters.Simulator.Orders;
using TBot.Adapters.Simulator.Transport;
using TBot.Engine.Instruments;

namespace TBot.Adapters.Simulator;

/// <summary>The simulator's shared parts, handed to feeds, REST handlers and the pump.</summary>
internal sealed class SimulatorContext
{
    public SimulatorContext(SimulatorOptions options, InstrumentRegistry registry)
    {
        Options = options;
        Registry = registry;
        Model = new MarketModel(options.Instruments, registry, options.Seed, options.BookDepth);
        Faults = new FaultInjector(options.Faults, options.Seed);
        Dispatcher = new FrameDispatcher(Faults);
        Orders = new OrderStore(new SimAccount(options.InitialBalances));
        Pump = new MarketPump(this);
        History = new History.HistoryTapes(options);
        HistoryApi = new History.HistoryRestApi(this);
    }

    /// <summary>Deterministic past trades and candles per instrument (REST history endpoints).</summary>
    public History.HistoryTapes History { get; }

    public History.HistoryRestApi HistoryApi { get; }

    public SimulatorOptions Options { get; }

    public InstrumentRegistry Registry { get; }

    public MarketModel Model { get; }

    public FaultInjector Faults { get; }

    public FrameDispatcher Dispatcher { get; }

    public OrderStore Orders { get; }

    public MarketPump Pump { get; }

    /// <summary>Feeds that render each venue's steps (Coinbase has two APIs over the same markets).</summary>
    public List<VenueFeed>[] FeedsByVenue { get; } = [[], [], [], []];

    /// <summary>Monotonic start, for Go-style "m=+seconds" clocks.</summary>
    public long StartTimestamp { get; } = Stopwatch.GetTimestamp();

    public long MonotonicNs => (long)(Stopwatch.GetElapsedTime(StartTimestamp).Ticks * 100L);
}

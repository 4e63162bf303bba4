using TBot.Engine.Instruments;

namespace TBot.Adapters.Simulator.Market;

/// <summary>
/// All simulated instruments. Each instrument's market is driven by its own RNG (seed ⊕ venue ⊕ symbol) and
/// the choice of which instrument steps next by another, so for a given seed every instrument goes through the
/// same sequence of books regardless of timing or subscribers (orders placed through the REST endpoint are
/// the only outside influence). Thread-safety: one writer (the simulator's pump thread, or
/// <see cref="Advance"/> when used standalone) under <see cref="SyncRoot"/>; readers take the same lock.
/// </summary>
public sealed class MarketModel
{
    private readonly InstrumentMarket[] _markets;
    private readonly InstrumentMarket[][] _byVenue;
    private readonly SeededRandom _picker;
    private readonly MarketStep _scratch = new();

    public MarketModel(IReadOnlyList<SimulatedInstrument> instruments, InstrumentRegistry registry, ulong seed, int depth)
    {
        ArgumentNullException.ThrowIfNull(instruments);
        ArgumentNullException.ThrowIfNull(registry);
        Seed = seed;
        Depth = depth;
        _picker = new SeededRandom(SeededRandom.Mix(seed, 0x5EED));
        var venueLists = new List<InstrumentMarket>[4];
        for (var i = 0; i < venueLists.Length; i++) venueLists[i] = [];
        _markets = new InstrumentMarket[instruments.Count];
        for (var i = 0; i < instruments.Count; i++)
        {
            var spec = instruments[i];
            spec.Validate();
            var instrument = registry.Add(spec.Venue, spec.Symbol, spec.PriceScale, spec.QuantityScale, spec.TickSize, spec.StepSize);
            var list = venueLists[(int)spec.Venue];
            if (list.Exists(m => m.Spec.Symbol == spec.Symbol)) throw new ArgumentException($"Duplicate instrument {spec.Symbol} on {spec.Venue}.");
            var market = new InstrumentMarket(instrument, spec, i, list.Count, seed, depth);
            list.Add(market);
            _markets[i] = market;
        }
        _byVenue = new InstrumentMarket[venueLists.Length][];
        for (var i = 0; i < venueLists.Length; i++) _byVenue[i] = [.. venueLists[i]];
    }

    /// <summary>Lock for reading books and stats while the simulator runs.</summary>
    public object SyncRoot { get; } = new();

    public ulong Seed { get; }

    /// <summary>Target number of levels per side.</summary>
    public int Depth { get; }

    public IReadOnlyList<InstrumentMarket> Markets => _markets;

    public IReadOnlyList<InstrumentMarket> MarketsOf(Venue venue) => _byVenue[(int)venue];

    /// <summary>True while a <see cref="SimulatorHost"/> drives the model: <see cref="Advance"/> is then refused.</summary>
    internal bool Hosted { get; set; }

    public InstrumentMarket? Find(Venue venue, string symbol)
    {
        foreach (var m in _byVenue[(int)venue])
        {
            if (string.Equals(m.Spec.Symbol, symbol, StringComparison.Ordinal)) return m;
        }
        return null;
    }

    /// <summary>Binance stream names carry the symbol in lower case.</summary>
    public InstrumentMarket? FindIgnoreCase(Venue venue, ReadOnlySpan<char> symbol)
    {
        foreach (var m in _byVenue[(int)venue])
        {
            if (symbol.Equals(m.Spec.Symbol, StringComparison.OrdinalIgnoreCase)) return m;
        }
        return null;
    }

    /// <summary>A consistent copy of an instrument's book (levels best-first, up to <paramref name="maxLevels"/> per side).</summary>
    public BookSnapshot Snapshot(Venue venue, string symbol, int maxLevels = int.MaxValue)
    {
        var market = Find(venue, symbol) ?? throw new ArgumentException($"Unknown instrument {symbol} on {venue}.");
        return Snapshot(market, maxLevels);
    }

    public BookSnapshot Snapshot(InstrumentMarket market, int maxLevels = int.MaxValue)
    {
        lock (SyncRoot)
        {
            return new BookSnapshot(market.Instrument, market.Sequence, market.LastTradeId, market.Bids.ToArray(maxLevels), market.Asks.ToArray(maxLevels));
        }
    }

    /// <summary>
    /// Step the model <paramref name="steps"/> times without a host (deterministic tests of the model itself).
    /// <paramref name="onStep"/> sees each step (optional).
    /// </summary>
    public void Advance(int steps, Action<MarketStep>? onStep = null)
    {
        if (Hosted) throw new InvalidOperationException("The model is driven by a running SimulatorHost.");
        lock (SyncRoot)
        {
            for (var i = 0; i < steps; i++)
            {
                var step = NextStep(0);
                onStep?.Invoke(step);
            }
        }
    }

    /// <summary>Pick an instrument and step it once. Caller holds <see cref="SyncRoot"/>. Returns the reused scratch step.</summary>
    internal MarketStep NextStep(long timeNs)
    {
        var market = _markets[_picker.Next(_markets.Length)];
        market.Begin(_scratch, timeNs);
        market.RandomEvent(_scratch);
        market.Rebalance(_scratch);
        market.End(_scratch);
        return _scratch;
    }

    /// <summary>Start an externally driven step (a taker order) on <paramref name="market"/>. Caller holds the lock.</summary>
    internal MarketStep BeginExternal(InstrumentMarket market, long timeNs)
    {
        market.Begin(_scratch, timeNs);
        return _scratch;
    }
}

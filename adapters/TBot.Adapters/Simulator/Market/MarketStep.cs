using TBot.Engine.Events;

namespace TBot.Adapters.Simulator.Market;

/// <summary>
/// What one model step did to one instrument: the levels it changed (final quantity per price, coalesced), the
/// trades it printed, and the event-sequence range it used. Reused by the pump thread (no per-step allocation);
/// read it only inside the callback that receives it.
/// </summary>
public sealed class MarketStep
{
    private LevelChange[] _changes = new LevelChange[32];
    private TradePrint[] _trades = new TradePrint[16];

    public InstrumentMarket Market { get; private set; } = null!;

    public int ChangeCount { get; private set; }

    public int TradeCount { get; private set; }

    public ReadOnlySpan<LevelChange> Changes => _changes.AsSpan(0, ChangeCount);

    public ReadOnlySpan<TradePrint> Trades => _trades.AsSpan(0, TradeCount);

    /// <summary>The instrument's sequence before this step (OKX prevSeqId).</summary>
    public long PreviousSequence { get; internal set; }

    /// <summary>First sequence used by this step (Binance U).</summary>
    public long FirstSequence { get; internal set; }

    /// <summary>Last sequence used by this step (Binance u, OKX seqId).</summary>
    public long LastSequence { get; internal set; }

    public long TimeNs { get; private set; }

    /// <summary>Smallest depth index (0 = top) any change touched; int.MaxValue when none.</summary>
    public int TopDepthTouched { get; private set; }

    /// <summary>Best bid or best ask price or size changed.</summary>
    public bool TopOfBookChanged { get; internal set; }

    internal void Reset(InstrumentMarket market, long timeNs)
    {
        Market = market;
        TimeNs = timeNs;
        ChangeCount = 0;
        TradeCount = 0;
        TopDepthTouched = int.MaxValue;
        TopOfBookChanged = false;
    }

    /// <summary>Record a level's new quantity; a price changed twice in one step keeps only its final quantity.</summary>
    internal void AddChange(Side side, long price, long quantity, int depth)
    {
        if (depth < TopDepthTouched) TopDepthTouched = depth;
        for (var i = 0; i < ChangeCount; i++)
        {
            ref var c = ref _changes[i];
            if (c.Side == side && c.Price == price)
            {
                c.Quantity = quantity;
                return;
            }
        }
        if (ChangeCount == _changes.Length) Array.Resize(ref _changes, _changes.Length * 2);
        _changes[ChangeCount++] = new LevelChange { Side = side, Price = price, Quantity = quantity };
    }

    internal ref TradePrint AddTrade()
    {
        if (TradeCount == _trades.Length) Array.Resize(ref _trades, _trades.Length * 2);
        return ref _trades[TradeCount++];
    }

    public int CountChanges(Side side)
    {
        var n = 0;
        for (var i = 0; i < ChangeCount; i++) if (_changes[i].Side == side) n++;
        return n;
    }
}

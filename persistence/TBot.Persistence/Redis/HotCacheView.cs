using TBot.Engine.Events;
using TBot.Engine.Journal;
using TBot.Engine.Trading;
using TBot.Persistence.Projections;

namespace TBot.Persistence.Redis;

/// <summary>
/// The cache's in-memory picture, built from journal records: prices and books per instrument, positions per
/// bot and instrument, metrics per bot. Marks what a batch changed, so the batch writes each key once with
/// its final value (coalescing thousands of book updates into one SET). Every update sets absolute values,
/// so re-applying a batch after a failed write leaves the same picture.
/// </summary>
internal sealed class HotCacheView
{
    private readonly InstrumentState?[] _instruments;
    private readonly Dictionary<(int Bot, int Instrument), PositionState> _positions = new();
    private readonly Dictionary<int, BotMetricsState> _metrics = new();
    private readonly List<InstrumentState> _dirtyInstruments = new();
    private readonly List<PositionState> _dirtyPositions = new();
    private readonly List<BotMetricsState> _dirtyMetrics = new();
    private readonly List<(long Position, DecisionRecord Fill)> _fills = new();

    public HotCacheView(IReadOnlyList<JournalInstrument> instruments)
    {
        var max = 0;
        foreach (var i in instruments) max = Math.Max(max, i.Id);
        _instruments = new InstrumentState?[max + 1];
        foreach (var i in instruments) _instruments[i.Id] = new InstrumentState(i);
    }

    public IReadOnlyList<InstrumentState> DirtyInstruments => _dirtyInstruments;
    public IReadOnlyList<PositionState> DirtyPositions => _dirtyPositions;
    public IReadOnlyList<BotMetricsState> DirtyMetrics => _dirtyMetrics;
    /// <summary>The batch's fills, in journal order (published one by one).</summary>
    public IReadOnlyList<(long Position, DecisionRecord Fill)> Fills => _fills;

    public JournalInstrument? Instrument(int id) => (uint)id < (uint)_instruments.Length ? _instruments[id]?.Instrument : null;

    /// <summary>Apply a batch to the picture; the dirty lists then hold what changed.</summary>
    public void Apply(JournalBatch batch)
    {
        ClearDirty();
        foreach (ref readonly var r in batch.Records)
        {
            if (r.Type == JournalRecordType.Event) OnEvent(batch.Event(r), r.Position);
            else if (r.Type == JournalRecordType.Decision) OnDecision(batch.Decision(r), r.Position);
        }
    }

    private void ClearDirty()
    {
        foreach (var s in _dirtyInstruments) s.PriceDirty = s.BookDirty = false;
        foreach (var p in _dirtyPositions) p.Dirty = false;
        foreach (var m in _dirtyMetrics) m.Dirty = false;
        _dirtyInstruments.Clear();
        _dirtyPositions.Clear();
        _dirtyMetrics.Clear();
        _fills.Clear();
    }

    private void OnEvent(in MarketEvent e, long position)
    {
        if ((uint)e.InstrumentId >= (uint)_instruments.Length || _instruments[e.InstrumentId] is not { } s) return;
        switch (e.Kind)
        {
            case MarketEventKind.Quote:
                s.Bid = e.Bid;
                s.BidSize = e.BidSize;
                s.Ask = e.Ask;
                s.AskSize = e.AskSize;
                s.HasQuote = true;
                MarkPrice(s, e, position);
                break;
            case MarketEventKind.Trade:
            case MarketEventKind.Ticker:
            case MarketEventKind.Candle:
                s.Last = e.Price;
                s.HasLast = true;
                MarkPrice(s, e, position);
                break;
            case MarketEventKind.BookSnapshotLevel:
                // A snapshot replaces the book: its first level clears what was there.
                if (e.Has(EventFlags.FirstInMessage))
                {
                    s.Bids.Clear();
                    s.Asks.Clear();
                }
                SetLevel(s, e, position);
                break;
            case MarketEventKind.BookDelta:
                SetLevel(s, e, position);
                break;
        }
    }

    private void MarkPrice(InstrumentState s, in MarketEvent e, long position)
    {
        MarkDirty(s);
        s.PriceTimeNs = e.ReceiveTimeNs;
        s.PricePosition = position;
        s.PriceDirty = true;
    }

    private void SetLevel(InstrumentState s, in MarketEvent e, long position)
    {
        var side = e.Side == Side.Buy ? s.Bids : e.Side == Side.Sell ? s.Asks : null;
        if (side is null) return;
        if (e.Quantity == 0) side.Remove(e.Price);
        else side[e.Price] = e.Quantity;
        MarkDirty(s);
        s.BookTimeNs = e.ReceiveTimeNs;
        s.BookPosition = position;
        s.BookDirty = true;
    }

    private void MarkDirty(InstrumentState s)
    {
        if (!s.PriceDirty && !s.BookDirty) _dirtyInstruments.Add(s);
    }

    private void OnDecision(in DecisionRecord d, long position)
    {
        switch (d.Kind)
        {
            case DecisionKind.Fill:
                if (Instrument(d.InstrumentId) is null) return;
                var p = PositionOf(d.BotId, d.InstrumentId);
                p.Quantity = d.Value2;
                p.RealizedPnl = d.Value3;
                p.TimeNs = d.TimeNs;
                p.Position = position;
                if (!p.Dirty)
                {
                    p.Dirty = true;
                    _dirtyPositions.Add(p);
                }
                var m = MetricsOf(d.BotId, d.TimeNs, position);
                m.RealizedByInstrument[d.InstrumentId] = d.Value3;
                m.LastFillTimeNs = d.TimeNs;
                _fills.Add((position, d));
                break;
            case DecisionKind.KillSwitch:
                var k = MetricsOf(d.BotId, d.TimeNs, position);
                k.KillSwitch = true;
                k.KillPnl = d.Value2;
                break;
            case DecisionKind.Control when d.BotId != 0 && (ControlCommand)d.Reason is ControlCommand.PauseBot or ControlCommand.ResumeBot:
                var c = MetricsOf(d.BotId, d.TimeNs, position);
                // Only an operator resume lifts a kill switch; it also ends a pause.
                c.Paused = (ControlCommand)d.Reason == ControlCommand.PauseBot;
                if (!c.Paused) c.KillSwitch = false;
                break;
        }
    }

    private PositionState PositionOf(int bot, int instrument)
    {
        if (!_positions.TryGetValue((bot, instrument), out var p))
        {
            p = new PositionState(bot, instrument);
            _positions.Add((bot, instrument), p);
        }
        return p;
    }

    private BotMetricsState MetricsOf(int bot, long timeNs, long position)
    {
        if (!_metrics.TryGetValue(bot, out var m))
        {
            m = new BotMetricsState(bot);
            _metrics.Add(bot, m);
        }
        m.TimeNs = timeNs;
        m.Position = position;
        if (!m.Dirty)
        {
            m.Dirty = true;
            _dirtyMetrics.Add(m);
        }
        return m;
    }
}

using TBot.Engine.Events;
using TBot.Engine.Journal;
using TBot.Engine.Orders;
using TBot.Host.Dashboard;

namespace TBot.Host.Analytics;

/// <summary>
/// PnL per bot and instrument from the journal's fills, with the engine's definitions: realised PnL excludes fees (as
/// <see cref="TBot.Engine.Portfolio.PortfolioBook"/>), net = realised + unrealised − fees, unrealised marks the open
/// position at the mid of the journal's top of book, else the last trade. Positions are built from every fill since
/// the journal began (a window's PnL depends on what was open when it started); sums count only the window's fills.
/// Daily rows are marked to market at each UTC midnight (engine time), so the days' net sums to the window's net.
/// </summary>
internal sealed class PnlLedger(DashboardInstrument?[] instruments)
{
    private const long DayNs = 86_400_000_000_000;
    private readonly Dictionary<(int Bot, int Instrument), PnlLine> _lines = new();
    private readonly SortedDictionary<(long Day, int Bot, int Instrument), PnlDay> _days = new();
    private long _day = long.MinValue;

    public IEnumerable<PnlLine> Lines => _lines.Values;

    public IEnumerable<KeyValuePair<(long Day, int Bot, int Instrument), PnlDay>> Days => _days;

    public long CurrentDay => _day;

    public static long DayOf(long timeNs) => timeNs >= 0 ? timeNs / DayNs : (timeNs + 1) / DayNs - 1;

    /// <summary>Positions from before the window (a <see cref="WindowSeed"/>'s); before any record is applied.</summary>
    public void Restore(IEnumerable<DashboardPosition> positions)
    {
        foreach (var p in positions) _lines.Add((p.BotId, p.InstrumentId), new PnlLine(p.BotId, p.InstrumentId, p));
    }

    /// <summary>The window starts at <paramref name="timeNs"/>: what is open now is its starting unrealised PnL.</summary>
    public void Begin(long timeNs)
    {
        foreach (var line in _lines.Values) line.UnrealisedStart = line.UnrealisedAtBoundary = Unrealised(line);
        _day = DayOf(timeNs);
    }

    /// <summary>Inside the window, before a record at <paramref name="timeNs"/>: closes the days it has passed.</summary>
    public void Advance(long timeNs)
    {
        var day = DayOf(timeNs);
        if (day == _day) return;
        foreach (var line in _lines.Values)
        {
            var u = Unrealised(line);
            if (u != line.UnrealisedAtBoundary) DayRow(_day, line).UnrealisedChange += u - line.UnrealisedAtBoundary;
            line.UnrealisedAtBoundary = u;
        }
        _day = day;
    }

    public void Fill(in DecisionRecord d, bool inWindow)
    {
        if ((uint)d.InstrumentId >= (uint)instruments.Length || instruments[d.InstrumentId] is not { } instrument) return;
        if (!_lines.TryGetValue((d.BotId, d.InstrumentId), out var line))
            _lines.Add((d.BotId, d.InstrumentId), line = new PnlLine(d.BotId, d.InstrumentId));
        int ps = instrument.Instrument.PriceScale, qs = instrument.Instrument.QuantityScale;
        var before = line.Position.Realized;
        line.Position.ApplyFill(d.Side, d.Price, ps, d.Quantity, qs, d.Value1);
        if (!inWindow) return;
        var realised = line.Position.Realized - before;
        var notional = Money.Notional(d.Price, ps, d.Quantity, qs);
        line.Realised += realised;
        line.Fees += d.Value1;
        line.Volume += notional;
        line.Fills++;
        var day = DayRow(_day, line);
        day.Realised += realised;
        day.Fees += d.Value1;
        day.Volume += notional;
        day.Fills++;
    }

    /// <summary>Unrealised PnL of the line now (at the window's end when the report is taken).</summary>
    public long Unrealised(PnlLine line)
    {
        var instrument = instruments[line.InstrumentId]!;
        return line.Position.Unrealized(instrument.Mark(), instrument.Instrument.PriceScale, instrument.Instrument.QuantityScale);
    }

    private PnlDay DayRow(long day, PnlLine line)
    {
        if (!_days.TryGetValue((day, line.BotId, line.InstrumentId), out var row))
            _days.Add((day, line.BotId, line.InstrumentId), row = new PnlDay());
        return row;
    }
}

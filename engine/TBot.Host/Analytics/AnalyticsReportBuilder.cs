using System.Globalization;
using TBot.Engine.Numerics;
using TBot.Engine.Orders;
using TBot.Engine.Risk;
using TBot.Host.Dashboard;

namespace TBot.Host.Analytics;

/// <summary>Turns an <see cref="AnalyticsProjection"/>'s counters into an <see cref="AnalyticsReport"/> (called under the
/// projection's lock): filters by bot, names bots, strategies and instruments, and sums rows up by each grouping.</summary>
internal sealed class AnalyticsReportBuilder(AnalyticsProjection projection, DashboardInstrument?[] instruments, IReadOnlyList<AnalyticsBot> bots, int? botId, bool begun)
{
    private bool Keep(int bot) => botId is null || bot == botId;

    private string? NameOf(int bot) => bots.FirstOrDefault(b => b.Id == bot)?.Name;

    private string StrategyOf(int bot) => bots.FirstOrDefault(b => b.Id == bot)?.Strategy ?? "unknown";

    private string Key(int instrument) =>
        (uint)instrument < (uint)instruments.Length && instruments[instrument] is { } i ? i.Key : instrument.ToString(CultureInfo.InvariantCulture);

    public static string Iso(long ns) => Backtest.BacktestRunner.Iso(ns);

    public AnalyticsReport Build(JournalInfo journal, SortedDictionary<string, LatencyRow> feed, SortedDictionary<string, LatencyRow>? stages)
    {
        var w = projection.Window;
        return new AnalyticsReport(journal,
            new WindowInfo(w.FromNs is { } f ? Iso(f) : null, w.ToNs is { } t ? Iso(t) : null),
            botId is { } id ? new BotFilter(id, NameOf(id)) : null,
            Pnl(), Slippage(), FillRatio(), Latency(feed, stages), Rejections());
    }

    // ---- PnL ----

    private sealed class PnlSum
    {
        public long Realised, Unrealised, UnrealisedStart, Fees, Volume, Fills;
        /// <summary>The open quantity, for one bot's one instrument only.</summary>
        public string? Position;

        public void Add(PnlSum o)
        {
            Realised += o.Realised;
            Unrealised += o.Unrealised;
            UnrealisedStart += o.UnrealisedStart;
            Fees += o.Fees;
            Volume += o.Volume;
            Fills += o.Fills;
        }

        public PnlRow Row(int? bot, string? name, string? strategy, string? instrument) =>
            new(bot, name, strategy, instrument, Money.ToDecimal(Realised), Money.ToDecimal(Unrealised), Money.ToDecimal(UnrealisedStart),
                Money.ToDecimal(Fees), Money.ToDecimal(Realised + Unrealised - UnrealisedStart - Fees), Money.ToDecimal(Volume), Fills, Position);
    }

    private PnlSection Pnl()
    {
        var ledger = projection.Pnl;
        var lines = new SortedDictionary<(int Bot, string Instrument), PnlSum>();
        var days = new SortedDictionary<(long Day, int Bot, string Instrument), PnlDay>();
        foreach (var line in ledger.Lines)
        {
            if (!Keep(line.BotId)) continue;
            var u = ledger.Unrealised(line);
            // A window no record has entered yet: nothing happened in it, whatever is open now was open at its start.
            var start = begun ? line.UnrealisedStart : projection.Window.FromNs is null ? 0 : u;
            var sum = new PnlSum { Realised = line.Realised, Unrealised = u, UnrealisedStart = start, Fees = line.Fees, Volume = line.Volume, Fills = line.Fills };
            if (sum.Fills != 0 || u != 0 || start != 0 || line.Position.Fills != 0) lines[(line.BotId, Key(line.InstrumentId))] = sum;
            // The day in progress: its unrealised change so far.
            if (begun && u != line.UnrealisedAtBoundary) DayOf(days, ledger.CurrentDay, line.BotId, Key(line.InstrumentId)).UnrealisedChange += u - line.UnrealisedAtBoundary;
        }
        foreach (var ((day, bot, instrument), d) in ledger.Days)
        {
            if (!Keep(bot)) continue;
            var row = DayOf(days, day, bot, Key(instrument));
            row.Realised += d.Realised;
            row.Fees += d.Fees;
            row.Volume += d.Volume;
            row.Fills += d.Fills;
            row.UnrealisedChange += d.UnrealisedChange;
        }

        var total = new PnlSum();
        var byBot = new SortedDictionary<int, PnlSum>();
        foreach (var b in bots) if (Keep(b.Id)) byBot[b.Id] = new PnlSum();
        var byStrategy = new SortedDictionary<string, PnlSum>(StringComparer.Ordinal);
        var byInstrument = new SortedDictionary<string, PnlSum>(StringComparer.Ordinal);
        foreach (var ((bot, instrument), sum) in lines)
        {
            total.Add(sum);
            Sum(byBot, bot).Add(sum);
            sum.Position = Position(bot, instrument);
            Sum(byStrategy, StrategyOf(bot)).Add(sum);
            Sum(byInstrument, instrument).Add(sum);
        }
        foreach (var b in byBot.Keys) Sum(byStrategy, StrategyOf(b));
        var byDay = new SortedDictionary<long, PnlDay>();
        foreach (var ((day, _, _), d) in days)
        {
            if (!byDay.TryGetValue(day, out var s)) byDay.Add(day, s = new PnlDay());
            s.Realised += d.Realised;
            s.Fees += d.Fees;
            s.Volume += d.Volume;
            s.Fills += d.Fills;
            s.UnrealisedChange += d.UnrealisedChange;
        }
        return new PnlSection(
            total.Row(null, null, null, null),
            [.. byBot.Select(kv => kv.Value.Row(kv.Key, NameOf(kv.Key), StrategyOf(kv.Key), null))],
            [.. byStrategy.Select(kv => kv.Value.Row(null, null, kv.Key, null))],
            [.. byInstrument.Select(kv => kv.Value.Row(null, null, null, kv.Key))],
            [.. lines.Select(kv => kv.Value.Row(kv.Key.Bot, NameOf(kv.Key.Bot), StrategyOf(kv.Key.Bot), kv.Key.Instrument))],
            [.. byDay.Select(kv => DayRow(kv.Key, null, null, kv.Value))],
            [.. days.Where(kv => !kv.Value.IsEmpty).Select(kv => DayRow(kv.Key.Day, kv.Key.Bot, kv.Key.Instrument, kv.Value))]);
    }

    private string? Position(int bot, string instrument)
    {
        foreach (var line in projection.Pnl.Lines)
            if (line.BotId == bot && Key(line.InstrumentId) == instrument)
                return FixedPoint.ToDecimalString(line.Position.Quantity, instruments[line.InstrumentId]!.Instrument.QuantityScale);
        return null;
    }

    private static PnlDay DayOf(SortedDictionary<(long, int, string), PnlDay> days, long day, int bot, string instrument)
    {
        if (!days.TryGetValue((day, bot, instrument), out var d)) days.Add((day, bot, instrument), d = new PnlDay());
        return d;
    }

    private static PnlDayRow DayRow(long day, int? bot, string? instrument, PnlDay d) =>
        new(DateOnly.FromDateTime(DateTime.UnixEpoch.AddDays(day)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), bot, instrument,
            Money.ToDecimal(d.Realised), Money.ToDecimal(d.UnrealisedChange), Money.ToDecimal(d.Fees),
            Money.ToDecimal(d.Realised + d.UnrealisedChange - d.Fees), Money.ToDecimal(d.Volume), d.Fills);

    private static TValue Sum<TKey, TValue>(SortedDictionary<TKey, TValue> map, TKey key) where TKey : notnull where TValue : new()
    {
        if (!map.TryGetValue(key, out var v)) map.Add(key, v = new TValue());
        return v;
    }

    // ---- slippage ----

    private SlippageSection Slippage()
    {
        var total = new SlippageStats();
        var byBot = new SortedDictionary<int, SlippageStats>();
        var byInstrument = new SortedDictionary<string, (int Id, SlippageStats Stats)>(StringComparer.Ordinal);
        var rows = new SortedDictionary<(int Bot, string Instrument), (int Id, SlippageStats Stats)>();
        foreach (var ((bot, instrument), s) in projection.Orders.Slippage)
        {
            if (!Keep(bot)) continue;
            total.Add(s);
            Sum(byBot, bot).Add(s);
            var key = Key(instrument);
            if (!byInstrument.TryGetValue(key, out var i)) byInstrument.Add(key, i = (instrument, new SlippageStats()));
            i.Stats.Add(s);
            rows[(bot, key)] = (instrument, s);
        }
        return new SlippageSection(
            SlipRow(null, null, total),
            [.. byBot.Select(kv => SlipRow(kv.Key, null, kv.Value))],
            [.. byInstrument.Select(kv => SlipRow(null, kv.Value.Id, kv.Value.Stats))],
            [.. rows.Select(kv => SlipRow(kv.Key.Bot, kv.Value.Id, kv.Value.Stats))],
            projection.Orders.UntrackedFills);
    }

    private SlippageRow SlipRow(int? bot, int? instrument, SlippageStats s)
    {
        string? meanPrice = null;
        if (instrument is { } id && s.Fills > 0 && instruments[id] is { } i)
        {
            // Mean slippage in price units: Σ half units × 5 at one more decimal, over the fills, to two more decimals.
            var scale = i.Instrument.PriceScale + 1;
            meanPrice = Math.Round(FixedPoint.ToDecimal(5 * s.SumHalf, scale) / s.Fills, scale + 1, MidpointRounding.AwayFromZero)
                .ToString(CultureInfo.InvariantCulture);
        }
        return new SlippageRow(bot, bot is { } b ? NameOf(b) : null, instrument is { } n ? Key(n) : null, s.Fills, s.NoMidOrders, s.NoMidFills,
            R(s.Fills > 0 ? s.SumBps / s.Fills : 0), s.Bps.At(50) / 100.0, s.Bps.At(95) / 100.0,
            R(s.Notional > 0 ? s.SumBpsNotional / s.Notional : 0), Money.ToDecimal(s.Money), Money.ToDecimal(s.Notional), meanPrice);
    }

    private static double R(double v) => Math.Round(v, 4, MidpointRounding.AwayFromZero);

    // ---- fill ratio ----

    private FillRatioSection FillRatio()
    {
        var total = new FillCounts();
        var byBot = new SortedDictionary<int, FillCounts>();
        var byInstrument = new SortedDictionary<string, (int Id, FillCounts Counts)>(StringComparer.Ordinal);
        var byType = new SortedDictionary<string, FillCounts>(StringComparer.Ordinal);
        var rows = new SortedDictionary<(int Bot, string Instrument, string Type), (int Id, FillCounts Counts)>();
        foreach (var ((bot, instrument, type), c) in projection.Orders.Counts)
        {
            if (!Keep(bot)) continue;
            var key = Key(instrument);
            var typeName = TypeName(type);
            total.Add(c);
            Sum(byBot, bot).Add(c);
            Sum(byType, typeName).Add(c);
            if (!byInstrument.TryGetValue(key, out var i)) byInstrument.Add(key, i = (instrument, new FillCounts()));
            i.Counts.Add(c);
            rows[(bot, key, typeName)] = (instrument, c);
        }
        return new FillRatioSection(
            FillRow(null, null, null, total),
            [.. byBot.Select(kv => FillRow(kv.Key, null, null, kv.Value))],
            [.. byInstrument.Select(kv => FillRow(null, kv.Value.Id, null, kv.Value.Counts))],
            [.. byType.Select(kv => FillRow(null, null, kv.Key, kv.Value))],
            [.. rows.Select(kv => FillRow(kv.Key.Bot, kv.Value.Id, kv.Key.Type, kv.Value.Counts))]);
    }

    private static string TypeName(OrderType type) => type switch
    {
        OrderType.Limit => "limit",
        OrderType.Market => "market",
        _ => "other",
    };

    private FillRatioRow FillRow(int? bot, int? instrument, string? type, FillCounts c)
    {
        string? submitted = null, filled = null;
        double? ratio = null;
        // Quantities add up only within one instrument (each has its own unit).
        if (instrument is { } id && instruments[id] is { } i)
        {
            var qs = i.Instrument.QuantityScale;
            submitted = FixedPoint.ToDecimalString(c.SubmittedQuantity, qs);
            filled = FixedPoint.ToDecimalString(c.FilledQuantity, qs);
            ratio = c.SubmittedQuantity > 0 ? R((double)c.FilledQuantity / c.SubmittedQuantity) : 0;
        }
        var open = c.Submitted - c.FullyFilled - c.Cancelled - c.Rejected - c.Expired;
        return new FillRatioRow(bot, bot is { } b ? NameOf(b) : null, instrument is { } n ? Key(n) : null, type,
            c.Submitted, c.WithFill, c.FullyFilled, c.Cancelled, c.Rejected, c.Expired, open,
            c.Submitted > 0 ? R((double)c.WithFill / c.Submitted) : 0, c.Submitted > 0 ? R((double)c.FullyFilled / c.Submitted) : 0,
            submitted, filled, ratio);
    }

    // ---- latency ----

    private LatencySection Latency(SortedDictionary<string, LatencyRow> feed, SortedDictionary<string, LatencyRow>? stages)
    {
        var total = new OrderLatencies();
        var rows = new List<BotLatencyRow>();
        foreach (var (bot, l) in projection.Orders.Latencies.OrderBy(kv => kv.Key))
        {
            if (!Keep(bot)) continue;
            total.Add(l);
            rows.Add(new BotLatencyRow(bot, NameOf(bot), l.SubmitToAccepted.Row(), l.SubmitToFirstFill.Row(), l.CancelToCancelled.Row()));
        }
        return new LatencySection(total.SubmitToAccepted.Row(), total.SubmitToFirstFill.Row(), total.CancelToCancelled.Row(), rows, feed, stages);
    }

    // ---- rejections ----

    private RejectionSection Rejections()
    {
        var byReason = new SortedDictionary<string, long>(StringComparer.Ordinal);
        var byBot = new SortedDictionary<int, SortedDictionary<string, long>>();
        var byInstrument = new SortedDictionary<string, SortedDictionary<string, long>>(StringComparer.Ordinal);
        long total = 0;
        foreach (var ((bot, instrument, reason), n) in projection.Rejections.Rejections)
        {
            if (!Keep(bot)) continue;
            var name = RiskRejectReasons.Name((RiskRejectReason)reason);
            total += n;
            Add(byReason, name, n);
            Add(Sum(byBot, bot), name, n);
            Add(Sum(byInstrument, instrument == 0 ? "none" : Key(instrument)), name, n);
        }
        var kills = projection.Rejections.KillSwitches.Where(k => Keep(k.BotId))
            .Select(k => new KillSwitchRow(Iso(k.TimeNs), k.BotId, NameOf(k.BotId), KillSwitchCauses.Name((KillSwitchCause)k.Cause), Money.ToDecimal(k.Pnl)))
            .ToList();
        var killCount = botId is null ? projection.Rejections.KillSwitchCount : kills.Count;
        return new RejectionSection(total, byReason,
            [.. byBot.Select(kv => new RejectionRow(kv.Key, NameOf(kv.Key), null, kv.Value.Values.Sum(), kv.Value))],
            [.. byInstrument.Select(kv => new RejectionRow(null, null, kv.Key, kv.Value.Values.Sum(), kv.Value))],
            killCount, kills);
    }

    private static void Add(SortedDictionary<string, long> map, string key, long n) => map[key] = map.GetValueOrDefault(key) + n;
}

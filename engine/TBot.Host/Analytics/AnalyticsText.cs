using System.Globalization;
using System.Text;

namespace TBot.Host.Analytics;

/// <summary>The report as text tables for a terminal (<c>tbot analytics</c>); the JSON carries every field.</summary>
public static class AnalyticsText
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    public static string Render(AnalyticsReport r)
    {
        var text = new StringBuilder();
        text.Append(C, $"journal {r.Journal.Id}: {r.Journal.Records} records to position {r.Journal.Position}, window {r.Window.From ?? "start"} → {r.Window.To ?? "end"}");
        if (r.Bot is { } bot) text.Append(C, $", bot {bot.Id}:{bot.Name}");
        text.Append(C, $", records in window {r.Journal.FirstTime ?? "-"} → {r.Journal.LastTime ?? "-"}\n\n");

        Pnl(text, "PnL by bot", r.Pnl.ByBot.Select(p => (p.Bot + ":" + p.Name + " (" + p.Strategy + ")", p)).Append(("total", r.Pnl.Total)));
        Pnl(text, "PnL by strategy", r.Pnl.ByStrategy.Select(p => (p.Strategy!, p)));
        Pnl(text, "PnL by instrument", r.Pnl.ByInstrument.Select(p => (p.Instrument!, p)));
        var days = new TextTable("PnL by UTC day (marked to market at midnight)", "day", "realised", "unrealised chg", "fees", "net", "volume", "fills");
        foreach (var d in r.Pnl.ByDay) days.Add(d.Day, N(d.Realised), N(d.UnrealisedChange), N(d.Fees), N(d.Net), N(d.Volume), N(d.Fills));
        days.WriteTo(text);

        var slip = new TextTable("Slippage vs mid at the submit decision (adverse positive)", "bot / instrument", "fills", "mean bps", "median bps", "p95 bps", "notional-wt bps", "money", "mean price", "no-mid orders", "no-mid fills");
        foreach (var s in r.Slippage.ByBotInstrument.Append(r.Slippage.Total))
            slip.Add(s.Bot is null ? "total" : $"{s.Bot}:{s.Name} {s.Instrument}", N(s.Fills), N(s.MeanBps), N(s.MedianBps), N(s.P95Bps), N(s.WeightedBps), N(s.Money), s.MeanPrice ?? "", N(s.NoMidOrders), N(s.NoMidFills));
        slip.WriteTo(text);

        var fills = new TextTable("Fill ratio (orders submitted in the window, outcome at its end)", "bot / instrument / type", "submitted", "with fill", "filled", "cancelled", "rejected", "expired", "open", "fill rate", "qty ratio");
        foreach (var f in r.FillRatio.ByBotInstrumentType.Append(r.FillRatio.Total))
            fills.Add(f.Bot is null ? "total" : $"{f.Bot}:{f.Name} {f.Instrument} {f.Type}", N(f.Submitted), N(f.WithFill), N(f.FullyFilled), N(f.Cancelled), N(f.Rejected), N(f.Expired), N(f.Open), N(f.FillRate), f.QuantityRatio is { } q ? N(q) : "");
        fills.WriteTo(text);

        var latency = new TextTable("Latency (µs)", "measure", "count", "mean", "p50", "p90", "p99", "p99.9", "max");
        Lat(latency, "submit → accepted", r.Latency.SubmitToAccepted);
        Lat(latency, "submit → first fill", r.Latency.SubmitToFirstFill);
        Lat(latency, "cancel → cancelled", r.Latency.CancelToCancelled);
        foreach (var (venue, row) in r.Latency.Feed) Lat(latency, $"feed {venue} (receive − exchange)", row);
        foreach (var (stage, row) in r.Latency.Stages ?? []) Lat(latency, $"stage {stage}", row);
        latency.WriteTo(text);

        var rejects = new TextTable($"Risk rejections ({r.Rejections.Total})", "reason", "count");
        foreach (var (reason, n) in r.Rejections.ByReason) rejects.Add(reason, N(n));
        rejects.WriteTo(text);
        var byBot = new TextTable("Risk rejections by bot", "bot", "total", "reasons");
        foreach (var b in r.Rejections.ByBot) byBot.Add($"{b.Bot}:{b.Name}", N(b.Total), string.Join(", ", b.ByReason.Select(kv => $"{kv.Key} {kv.Value}")));
        byBot.WriteTo(text);
        var kills = new TextTable($"Kill switches ({r.Rejections.KillSwitchCount})", "time", "bot", "cause", "pnl");
        foreach (var k in r.Rejections.KillSwitches) kills.Add(k.Time, $"{k.Bot}:{k.Name}", k.Cause, N(k.Pnl));
        kills.WriteTo(text);
        return text.ToString();
    }

    private static void Pnl(StringBuilder text, string title, IEnumerable<(string Key, PnlRow Row)> rows)
    {
        var table = new TextTable(title, "", "realised", "unrealised", "unrealised@start", "fees", "net", "volume", "fills");
        foreach (var (key, p) in rows) table.Add(key, N(p.Realised), N(p.Unrealised), N(p.UnrealisedStart), N(p.Fees), N(p.Net), N(p.Volume), N(p.Fills));
        table.WriteTo(text);
    }

    private static void Lat(TextTable table, string name, LatencyRow l) =>
        table.Add(name, N(l.Count), Us(l.MeanNs), Us(l.P50Ns), Us(l.P90Ns), Us(l.P99Ns), Us(l.P999Ns), Us(l.MaxNs));

    private static string Us(long ns) => (ns / 1000.0).ToString("0.0", C);

    private static string N(decimal v) => v.ToString(C);

    private static string N(double v) => v.ToString("0.####", C);

    private static string N(long v) => v.ToString(C);
}

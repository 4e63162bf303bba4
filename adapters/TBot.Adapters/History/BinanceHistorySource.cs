using TBot.Adapters.Connections;
using TBot.Engine.Instruments;

namespace TBot.Adapters.History;

/// <summary>
/// Binance spot: trades from <c>GET /api/v3/aggTrades</c> (the first page by startTime/endTime windows of ≤ 1 h,
/// then by <c>fromId</c> = last id + 1, 1000 per page, weight 2), klines from <c>GET /api/v3/klines</c>
/// (startTime/endTime, 1000 per page, weight 2). Resume: fromId after the day's last trade id; klines after its
/// last open time.
/// </summary>
public sealed class BinanceHistorySource(RestClient rest, Instrument instrument, HistoryFetchOptions options) : HistorySource(rest, instrument, options)
{
    private const int Limit = 1000;
    private const long HourMs = 3_600_000;
    private const int Weight = 2;

    public override Task<long> FetchAsync(long startMs, long endMs, CatalogTail resume, Action<HistoryPage> sink, CancellationToken ct) =>
        Options.Kind == CatalogKind.Klines ? KlinesAsync(startMs, endMs, resume, sink, ct) : TradesAsync(startMs, endMs, resume, sink, ct);

    private async Task<long> TradesAsync(long startMs, long endMs, CatalogTail resume, Action<HistoryPage> sink, CancellationToken ct)
    {
        var page = new HistoryPage();
        var symbol = Uri.EscapeDataString(Instrument.Symbol);
        long nextId = resume.LastTradeId > 0 ? resume.LastTradeId + 1 : 0;
        long nowMs;
        // A page found by time window holds only that window: short does not mean "no more", so go on by id.
        var windowPage = nextId == 0;
        if (nextId == 0)
        {
            // Find the first trade of the range: hour windows until one holds trades.
            for (var s = startMs; ; s += HourMs)
            {
                var e = Math.Min(s + HourMs, endMs) - 1;
                nowMs = await GetPageAsync($"/api/v3/aggTrades?symbol={symbol}&startTime={Ms(s)}&endTime={Ms(e)}&limit={Limit}", Weight,
                    HistoryPageParser.BinanceAggTrades, page, ct).ConfigureAwait(false) / 1_000_000;
                if (page.Events.Count > 0) break;
                if (e + 1 >= endMs || e + 1 >= nowMs) return Math.Min(endMs, nowMs - 1000);
            }
        }
        else
        {
            nowMs = await NextTradesAsync(symbol, nextId, page, ct).ConfigureAwait(false);
        }
        while (true)
        {
            var events = page.Events.AsSpan();
            var cut = events.Length;
            for (var i = 0; i < events.Length; i++)
                if (events[i].ExchangeTimeNs >= endMs * 1_000_000) { cut = i; break; }
            page.Events.RemoveLast(events.Length - cut);
            var full = page.Rows == Limit;
            var lastId = events.Length > 0 ? events[^1].TradeId : 0;
            sink(page);
            if (cut < events.Length) return endMs;
            if ((!full && !windowPage) || lastId == 0) return Math.Min(endMs, nowMs - 1000);
            windowPage = false;
            nowMs = await NextTradesAsync(symbol, lastId + 1, page, ct).ConfigureAwait(false);
        }
    }

    private async Task<long> NextTradesAsync(string symbol, long fromId, HistoryPage page, CancellationToken ct) =>
        await GetPageAsync($"/api/v3/aggTrades?symbol={symbol}&fromId={Ms(fromId)}&limit={Limit}", Weight,
            HistoryPageParser.BinanceAggTrades, page, ct).ConfigureAwait(false) / 1_000_000;

    private async Task<long> KlinesAsync(long startMs, long endMs, CatalogTail resume, Action<HistoryPage> sink, CancellationToken ct)
    {
        var intervalMs = HistoryFetchOptions.IntervalMs(Options.Interval);
        var page = new HistoryPage();
        var symbol = Uri.EscapeDataString(Instrument.Symbol);
        var next = resume.LastCandleOpenMs > 0 ? resume.LastCandleOpenMs + intervalMs : (startMs + intervalMs - 1) / intervalMs * intervalMs;
        while (next < endMs)
        {
            var nowMs = await GetPageAsync($"/api/v3/klines?symbol={symbol}&interval={Options.Interval}&startTime={Ms(next)}&endTime={Ms(endMs - 1)}&limit={Limit}",
                Weight, HistoryPageParser.BinanceKlines, page, ct).ConfigureAwait(false) / 1_000_000;
            var events = page.Events.AsSpan();
            var received = events.Length;
            // Only closed bars that open inside the range.
            var keep = 0;
            while (keep < events.Length && events[keep].FirstUpdateId < endMs && events[keep].FirstUpdateId + intervalMs <= nowMs) keep++;
            page.Events.RemoveLast(events.Length - keep);
            if (keep > 0) next = page.Events[keep - 1].FirstUpdateId + intervalMs;
            sink(page);
            if (keep < received || page.Rows < Limit) return Math.Min(endMs, next);
        }
        return endMs;
    }
}

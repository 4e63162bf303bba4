using TBot.Adapters.Connections;
using TBot.Engine.Events;
using TBot.Engine.Instruments;

namespace TBot.Adapters.History;

/// <summary>
/// OKX: trades from <c>GET /api/v5/market/history-trades</c> (the first page by ts, <c>type=2&amp;after=end</c>, then by
/// trade id, <c>type=1&amp;after=oldest id</c>; 100 per page, newest first), candles from
/// <c>GET /api/v5/market/history-candles</c> (<c>after</c> = oldest open time; 100 per page, newest first). OKX pages
/// backwards, so a range is collected from its end down to its start (or down to the day's last record when
/// resuming) and then written oldest first: an interrupted day loses only what was not yet written and resumes
/// after its last record.
/// </summary>
public sealed class OkxHistorySource(RestClient rest, Instrument instrument, HistoryFetchOptions options) : HistorySource(rest, instrument, options)
{
    private const int Limit = 100;

    public override Task<long> FetchAsync(long startMs, long endMs, CatalogTail resume, Action<HistoryPage> sink, CancellationToken ct) =>
        Options.Kind == CatalogKind.Klines ? CandlesAsync(startMs, endMs, resume, sink, ct) : TradesAsync(startMs, endMs, resume, sink, ct);

    private async Task<long> TradesAsync(long startMs, long endMs, CatalogTail resume, Action<HistoryPage> sink, CancellationToken ct)
    {
        var instId = Uri.EscapeDataString(Instrument.Symbol);
        var page = new HistoryPage();
        var collected = new List<MarketEvent>();
        var rejected = new long[page.Rejected.Length];
        var path = $"/api/v5/market/history-trades?instId={instId}&type=2&after={Ms(endMs)}&limit={Limit}";
        long nowMs = 0;
        while (true)
        {
            var t = await GetPageAsync(path, 1, HistoryPageParser.OkxTrades, page, ct).ConfigureAwait(false) / 1_000_000;
            if (nowMs == 0) nowMs = t;
            for (var i = 0; i < rejected.Length; i++) rejected[i] += page.Rejected[i];
            var done = page.Rows < Limit;
            long oldestId = 0;
            foreach (var e in page.Events.AsSpan())
            {
                if (e.ExchangeTimeNs < startMs * 1_000_000 || (resume.LastTradeId > 0 && e.TradeId <= resume.LastTradeId))
                {
                    done = true;
                    break;
                }
                collected.Add(e);
                oldestId = e.TradeId;
            }
            if (done || oldestId == 0) break;
            path = $"/api/v5/market/history-trades?instId={instId}&type=1&after={Ms(oldestId)}&limit={Limit}";
        }
        Deliver(collected, rejected, sink);
        return Math.Min(endMs, nowMs - 1000);
    }

    private async Task<long> CandlesAsync(long startMs, long endMs, CatalogTail resume, Action<HistoryPage> sink, CancellationToken ct)
    {
        var instId = Uri.EscapeDataString(Instrument.Symbol);
        var bar = OkxBar(Options.Interval);
        var intervalMs = HistoryFetchOptions.IntervalMs(Options.Interval);
        var floor = Math.Max((startMs + intervalMs - 1) / intervalMs * intervalMs, resume.LastCandleOpenMs + 1);
        var page = new HistoryPage();
        var collected = new List<MarketEvent>();
        var rejected = new long[page.Rejected.Length];
        var after = endMs;
        long nowMs = 0;
        while (true)
        {
            var t = await GetPageAsync($"/api/v5/market/history-candles?instId={instId}&bar={bar}&after={Ms(after)}&limit={Limit}", 1,
                HistoryPageParser.OkxCandles, page, ct).ConfigureAwait(false) / 1_000_000;
            if (nowMs == 0) nowMs = t;
            for (var i = 0; i < rejected.Length; i++) rejected[i] += page.Rejected[i];
            var done = page.Rows < Limit;
            var oldest = after;
            foreach (var e in page.Events.AsSpan())
            {
                if (e.FirstUpdateId < floor)
                {
                    done = true;
                    break;
                }
                collected.Add(e);
                oldest = Math.Min(oldest, e.FirstUpdateId);
            }
            if (done || oldest == after) break;
            after = oldest;
        }
        Deliver(collected, rejected, sink);
        // Covered up to the newest closed bar's close (unconfirmed bars are not served as history).
        var newestClose = collected.Count > 0 ? collected[0].FirstUpdateId + intervalMs : 0;
        return endMs <= nowMs - intervalMs ? endMs : Math.Min(endMs, Math.Max(newestClose, resume.LastCandleOpenMs + intervalMs));
    }

    /// <summary>Hand the collected rows on oldest first, in pages of up to 1000.</summary>
    private static void Deliver(List<MarketEvent> newestFirst, long[] rejected, Action<HistoryPage> sink)
    {
        var page = new HistoryPage();
        rejected.CopyTo(page.Rejected, 0);
        for (var i = newestFirst.Count - 1; i >= 0; i--)
        {
            page.Events.Add() = newestFirst[i];
            if (page.Events.Count == 1000)
            {
                sink(page);
                page.Clear();
            }
        }
        sink(page);
    }

    /// <summary>OKX bar names: minutes as Binance, hours with a capital H.</summary>
    private static string OkxBar(string interval) => interval.EndsWith('h') ? interval[..^1] + "H" : interval;
}

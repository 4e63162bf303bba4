using System.Text;
using TBot.Adapters.Binance;
using TBot.Adapters.Ingress;
using TBot.Adapters.Okx;
using TBot.Engine.Events;
using TBot.Engine.Instruments;
using TBot.Engine.Validation;

namespace TBot.Adapters.Venues;

/// <summary>
/// Turns a REST response body into events by its request URL (depth snapshots, book tickers, klines,
/// OKX tickers/books/candles) and hands them to the ingress pipeline. Used for captures and by pollers.
/// </summary>
public sealed class RestResponseRouter(InstrumentRegistry registry, IngressPipeline pipeline)
{
    private readonly EventBatch _batch = new();
    private readonly OkxRestParser _okx = new(registry);

    /// <summary>Route one response. Returns false when the URL is not a market-data endpoint TBot reads (counted as UnknownMessage).</summary>
    public bool Route(Venue venue, int connectionId, ReadOnlySpan<byte> url, ReadOnlySpan<byte> body, long receiveTimeNs)
    {
        var text = Encoding.UTF8.GetString(url);
        var path = PathOf(text);
        _batch.Clear();
        ParseResult result;
        switch (venue)
        {
            case Venue.Binance when path.EndsWith("/api/v3/depth", StringComparison.Ordinal):
                if (!TryInstrument(venue, Query(text, "symbol"), out var depthInstrument)) return Unknown(venue, connectionId, body, receiveTimeNs, RejectReason.UnknownInstrument);
                result = BinanceRestParser.ParseDepthSnapshot(body, depthInstrument, receiveTimeNs, _batch);
                break;
            case Venue.Binance when path.EndsWith("/api/v3/ticker/bookTicker", StringComparison.Ordinal):
                result = BinanceRestParser.ParseBookTicker(body, registry, receiveTimeNs, _batch);
                break;
            case Venue.Binance when path.EndsWith("/api/v3/klines", StringComparison.Ordinal):
                if (!TryInstrument(venue, Query(text, "symbol"), out var klineInstrument)) return Unknown(venue, connectionId, body, receiveTimeNs, RejectReason.UnknownInstrument);
                result = BinanceRestParser.ParseKlines(body, klineInstrument, receiveTimeNs, _batch);
                break;
            case Venue.Okx when path.EndsWith("/api/v5/market/ticker", StringComparison.Ordinal) || path.EndsWith("/api/v5/market/tickers", StringComparison.Ordinal):
                result = _okx.ParseTicker(body, receiveTimeNs, _batch);
                break;
            case Venue.Okx when path.EndsWith("/api/v5/market/books", StringComparison.Ordinal):
                if (!TryInstrument(venue, Query(text, "instId"), out var bookInstrument)) return Unknown(venue, connectionId, body, receiveTimeNs, RejectReason.UnknownInstrument);
                result = _okx.ParseBooks(body, bookInstrument, receiveTimeNs, _batch);
                break;
            case Venue.Okx when path.EndsWith("/api/v5/market/candles", StringComparison.Ordinal) || path.EndsWith("/api/v5/market/history-candles", StringComparison.Ordinal):
                if (!TryInstrument(venue, Query(text, "instId"), out var candleInstrument)) return Unknown(venue, connectionId, body, receiveTimeNs, RejectReason.UnknownInstrument);
                result = _okx.ParseCandles(body, candleInstrument, receiveTimeNs, _batch);
                break;
            default:
                return Unknown(venue, connectionId, body, receiveTimeNs, RejectReason.UnknownMessage);
        }
        if (result.Kind == FrameKind.Rejected)
        {
            pipeline.CountReject(venue, connectionId, result.Reason, body, receiveTimeNs);
            return true;
        }
        pipeline.ProcessRest(venue, connectionId, _batch.AsSpan(), body, receiveTimeNs);
        return true;
    }

    private bool Unknown(Venue venue, int connectionId, ReadOnlySpan<byte> body, long t, RejectReason reason)
    {
        pipeline.CountReject(venue, connectionId, reason, body, t);
        return reason != RejectReason.UnknownMessage;
    }

    private bool TryInstrument(Venue venue, string? symbol, out Instrument instrument)
    {
        instrument = null!;
        return symbol is not null && registry.TryGet(venue, symbol, out instrument);
    }

    private static string PathOf(string url)
    {
        var q = url.IndexOf('?');
        var withoutQuery = q >= 0 ? url[..q] : url;
        var scheme = withoutQuery.IndexOf("://", StringComparison.Ordinal);
        if (scheme < 0) return withoutQuery;
        var slash = withoutQuery.IndexOf('/', scheme + 3);
        return slash < 0 ? "/" : withoutQuery[slash..];
    }

    private static string? Query(string url, string key)
    {
        var q = url.IndexOf('?');
        if (q < 0) return null;
        foreach (var pair in url[(q + 1)..].Split('&'))
        {
            var eq = pair.IndexOf('=');
            if (eq > 0 && pair[..eq] == key) return Uri.UnescapeDataString(pair[(eq + 1)..]);
        }
        return null;
    }
}

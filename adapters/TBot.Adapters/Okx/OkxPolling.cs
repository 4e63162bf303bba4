using TBot.Adapters.Connections;
using TBot.Adapters.Ingress;
using TBot.Engine.Events;
using TBot.Engine.Instruments;
using TBot.Engine.Validation;

namespace TBot.Adapters.Okx;

/// <summary>
/// OKX REST polling: the ticker and the last 1-minute candles of each instrument. (REST books are not polled
/// while the WebSocket keeps the book: a REST snapshot would not link to the stream's seqIds.)
/// </summary>
public static class OkxPolling
{
    public static readonly IPollEndpoint Ticker = new Endpoint("ticker", i => $"/api/v5/market/ticker?instId={Uri.EscapeDataString(i.Symbol)}");

    public static readonly IPollEndpoint Candles = new Endpoint("candles", i => $"/api/v5/market/candles?instId={Uri.EscapeDataString(i.Symbol)}&bar=1m&limit=5");

    public static readonly IReadOnlyList<IPollEndpoint> Endpoints = [Ticker, Candles];

    private sealed record Endpoint(string Name, Func<Instrument, string> Path) : IPollEndpoint
    {
        public int Weight => 1;

        public string PathAndQuery(Instrument instrument) => Path(instrument);
    }
}

/// <summary>Parses polled OKX bodies; candles already delivered (same open time or older) are not emitted again.</summary>
public sealed class OkxPollHandler(InstrumentRegistry registry) : IRestPollHandler
{
    private readonly OkxRestParser _parser = new(registry);
    private readonly long[] _lastCandleOpen = new long[registry.Count + 1];

    public Venue Venue => Venue.Okx;

    public ParseResult ParsePoll(int endpointIndex, int instrumentId, ReadOnlySpan<byte> body, long receiveTimeNs, EventBatch batch)
    {
        if (endpointIndex == 0) return _parser.ParseTicker(body, receiveTimeNs, batch);
        if (!registry.TryGet(instrumentId, out var instrument)) return ParseResult.Reject(RejectReason.UnknownInstrument);
        var start = batch.Count;
        var result = _parser.ParseCandles(body, instrument, receiveTimeNs, batch);
        if (result.Kind == FrameKind.Rejected) return result;
        // Keep only candles newer than the last one emitted (oldest first, as the parser orders them).
        var write = start;
        for (var i = start; i < batch.Count; i++)
        {
            var open = batch[i].FirstUpdateId;
            if (open <= _lastCandleOpen[instrumentId]) continue;
            _lastCandleOpen[instrumentId] = open;
            batch[write++] = batch[i];
        }
        batch.RemoveLast(batch.Count - write);
        return result;
    }
}

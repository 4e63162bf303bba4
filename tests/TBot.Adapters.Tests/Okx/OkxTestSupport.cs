using System.Text;
using TBot.Adapters.Ingress;
using TBot.Adapters.Okx;
using TBot.Engine.Events;
using TBot.Engine.Instruments;

namespace TBot.Adapters.Tests.Okx;

/// <summary>Registry and helpers shared by the OKX tests.</summary>
internal static class OkxTestSupport
{
    public const long ReceiveTimeNs = 1_700_000_000_123_456_789;

    /// <summary>Scales wide enough for every doc example: BTC-USDT 2/8, swaps 2/0, DOT-USDT 3/0 (candle example 1).</summary>
    public static InstrumentRegistry CreateRegistry()
    {
        var registry = new InstrumentRegistry();
        registry.Add(Venue.Okx, "BTC-USDT", 2, 8, 1, 1);
        registry.Add(Venue.Okx, "BCH-USDT-SWAP", 2, 0, 1, 1);
        registry.Add(Venue.Okx, "BTC-USD-SWAP", 2, 0, 1, 1);
        registry.Add(Venue.Okx, "DOT-USDT", 3, 0, 1, 1);
        // Same symbol on another venue must not resolve for OKX frames.
        registry.Add(Venue.Binance, "ETH-USDT", 2, 8, 1, 1);
        return registry;
    }

    public static byte[] Utf8(string s) => Encoding.UTF8.GetBytes(s);

    public static int Id(InstrumentRegistry registry, string symbol) =>
        registry.TryGet(Venue.Okx, symbol, out var i) ? i.Id : throw new InvalidOperationException(symbol);

    public static (ParseResult Result, MarketEvent[] Events) Parse(OkxWsParser parser, string json)
    {
        var batch = new EventBatch(4);
        var r = parser.Parse(Utf8(json), ReceiveTimeNs, batch);
        return (r, batch.AsSpan().ToArray());
    }

    /// <summary>Parses <paramref name="json"/> after an unrelated event is already in the batch; asserts the
    /// rejection left that event alone and appended nothing.</summary>
    public static ParseResult ParseRejected(OkxWsParser parser, string json) => ParseRejected(parser, Utf8(json));

    public static ParseResult ParseRejected(OkxWsParser parser, byte[] frame)
    {
        var batch = new EventBatch(4);
        batch.Add().TradeId = 42;
        var r = parser.Parse(frame, ReceiveTimeNs, batch);
        Assert.Equal(FrameKind.Rejected, r.Kind);
        Assert.Equal(1, batch.Count);
        Assert.Equal(42, batch[0].TradeId);
        return r;
    }

    public static long Ns(long ms) => ms * 1_000_000;
}

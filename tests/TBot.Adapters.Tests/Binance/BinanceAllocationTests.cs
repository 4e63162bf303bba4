using TBot.Adapters.Binance;
using TBot.Adapters.Ingress;
using TBot.Engine.Events;
using TBot.Engine.Instruments;
using static TBot.Adapters.Tests.Binance.BinanceFixtures;

namespace TBot.Adapters.Tests.Binance;

/// <summary>The hot path allocates nothing per frame: every example parsed 100k times after warm-up.</summary>
public class BinanceAllocationTests
{
    private const int Warmup = 2_000;
    private const int Iterations = 100_000;

    public static TheoryData<string, string> StreamFrames() => new()
    {
        { "bookTicker raw", BookTicker1 },
        { "bookTicker combined", BookTicker2 },
        { "trade raw", Trade1 },
        { "trade raw legacy", Trade2Legacy },
        { "trade combined", "{\"stream\":\"bnbbtc@trade\",\"data\":" + Trade1 + "}" },
        { "aggTrade raw", AggTrade1 },
        { "aggTrade combined", AggTrade2Combined },
        { "depthUpdate raw", Depth1 },
        { "depthUpdate raw legacy", DepthLegacy2 },
        { "depthUpdate combined", "{\"stream\":\"zrxeth@depth@100ms\",\"data\":" + DepthLegacy2 + "}" },
        { "depth5 combined", "{\"stream\":\"bnbbtc@depth5@100ms\",\"data\":" + PartialDepth + "}" },
        { "24hrTicker raw", Ticker1 },
        { "24hrTicker combined", Ticker2NoTrades },
        { "non-ascii trade combined", """{"stream":"币安人生usdt@trade","data":{"e":"trade","E":1,"s":"币安人生USDT","t":1,"p":"1.5","q":"2","T":1,"m":false,"M":true}}""" },
        { "ack", SubscribeAck },
        { "error frame", ErrorFrame },
        { "serverShutdown combined", ServerShutdownCombined },
        { "unknown instrument", """{"u":1,"s":"DOGEUSDT","b":"1","B":"1","a":"2","A":"1"}""" },
        { "unknown message", """{"e":"kline","E":1,"s":"BNBBTC","k":{}}""" },
    };

    [Theory]
    [MemberData(nameof(StreamFrames))]
    public void StreamParser_AllocatesNothing(string name, string frame)
    {
        var parser = new BinanceStreamParser(Registry());
        var bytes = Utf8(frame);
        var batch = new EventBatch(64);
        var expected = parser.Parse(bytes, ReceiveTimeNs, batch);
        Assert.NotEqual(RejectKindForMalformed, (expected.Kind, expected.Reason));

        var bytesAllocated = Measure(() =>
        {
            batch.Clear();
            parser.Parse(bytes, ReceiveTimeNs, batch);
        });
        Assert.True(bytesAllocated == 0, $"{name}: {bytesAllocated} bytes allocated over {Iterations} frames");
    }

    private static readonly (FrameKind, Engine.Validation.RejectReason) RejectKindForMalformed =
        (FrameKind.Rejected, Engine.Validation.RejectReason.MalformedJson);

    [Fact]
    public void RestParsers_AllocateNothing()
    {
        var registry = Registry();
        var ltc = registry[Id(registry, "LTCBTC")];
        var eth = registry[Id(registry, "ETHBTC")];
        var depth = Utf8(RestDepth1);
        var tickers = Utf8(RestBookTicker2);
        var klines = Utf8(RestKlines1);
        var time = Utf8(RestServerTime);
        var error = Utf8(RestError);
        var batch = new EventBatch(64);
        Assert.Equal(FrameKind.Data, BinanceRestParser.ParseDepthSnapshot(depth, ltc, 1, batch).Kind);
        Assert.Equal(FrameKind.Data, BinanceRestParser.ParseBookTicker(tickers, registry, 1, batch).Kind);
        Assert.Equal(FrameKind.Data, BinanceRestParser.ParseKlines(klines, eth, 1, batch).Kind);

        var bytesAllocated = Measure(() =>
        {
            batch.Clear();
            BinanceRestParser.ParseDepthSnapshot(depth, ltc, 1, batch);
            BinanceRestParser.ParseBookTicker(tickers, registry, 1, batch);
            BinanceRestParser.ParseKlines(klines, eth, 1, batch);
            BinanceRestParser.TryParseServerTime(time, out _);
            BinanceRestParser.TryParseError(error, out _, out _);
        });
        Assert.Equal(0, bytesAllocated);
    }

    [Fact]
    public void Signer_SpanOverload_AllocatesNothing()
    {
        var signer = new BinanceSigner("NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j");
        var payload = Utf8("symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTC&quantity=1&price=0.1&recvWindow=5000&timestamp=1499827319559");
        var hex = new byte[BinanceSigner.SignatureLength];
        var bytesAllocated = Measure(() => signer.Sign(payload, hex), iterations: 10_000);
        Assert.Equal(0, bytesAllocated);
    }

    private static long Measure(Action action, int iterations = Iterations)
    {
        for (var i = 0; i < Warmup; i++) action();
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < iterations; i++) action();
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }
}

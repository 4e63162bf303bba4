using TBot.Adapters.Okx;
using TBot.Engine.Books;
using TBot.Engine.Events;
using static TBot.Adapters.Tests.Okx.OkxTestSupport;

namespace TBot.Adapters.Tests.Okx;

/// <summary>The hot path must not allocate: every example parsed 100k times after warm-up, zero bytes.</summary>
public class OkxAllocationTests
{
    private const int Iterations = 100_000;

    private static long Measure(Action body)
    {
        for (var i = 0; i < 1000; i++) body(); // warm-up: JIT, static tables, tiering
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < Iterations; i++) body();
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    public static TheoryData<string> WsFrames() =>
    [
        nameof(OkxFixtures.WsBooksSnapshot), nameof(OkxFixtures.WsBooksUpdate), nameof(OkxFixtures.WsBooks5),
        nameof(OkxFixtures.WsBboTbt), nameof(OkxFixtures.WsTickersFixture), nameof(OkxFixtures.WsTickersDocs),
        nameof(OkxFixtures.WsTrades), nameof(OkxFixtures.WsSubscribeAck), nameof(OkxFixtures.WsError),
        nameof(OkxFixtures.WsNotice),
    ];

    [Theory]
    [MemberData(nameof(WsFrames))]
    public void WsParser_DoesNotAllocate(string fixture)
    {
        var frame = Utf8((string)typeof(OkxFixtures).GetField(fixture)!.GetValue(null)!);
        var parser = new OkxWsParser(CreateRegistry());
        var batch = new EventBatch(64);
        var delta = Measure(() =>
        {
            batch.Clear();
            parser.Parse(frame, ReceiveTimeNs, batch);
        });
        Assert.Equal(0, delta);
    }

    [Theory]
    [InlineData("pong")]
    [InlineData("""{"arg":{"channel":"books","instId":"BTC-USDT"},"action":"update","data":[{"asks":[],"bids":[],"ts":"1597026383185","checksum":0,"prevSeqId":123470,"seqId":123470}]}""")]
    [InlineData("""{"data":[{"ts":"1630048897897","side":"sell","sz":"0.12060306","px":"42219.9","tradeId":"130639474"}],"arg":{"instId":"BTC-USDT","channel":"trades"}}""")]
    [InlineData("""{"arg":{"channel":"books","instId":"DOGE-USDT"},"action":"update","data":[{"asks":[],"bids":[],"ts":"1","checksum":0,"prevSeqId":1,"seqId":2}]}""")]
    [InlineData("""{"arg":{"channel":"books","instId":"BTC-USDT"},"action":"update","data":[{"asks":[["8476.981","1","0","1"]],"bids":[],"ts":"1","checksum":0,"prevSeqId":1,"seqId":2}]}""")]
    public void WsParser_KeepAliveReorderedAndRejected_DoNotAllocate(string json)
    {
        var frame = Utf8(json);
        var parser = new OkxWsParser(CreateRegistry());
        var batch = new EventBatch(64);
        Assert.Equal(0, Measure(() =>
        {
            batch.Clear();
            parser.Parse(frame, ReceiveTimeNs, batch);
        }));
    }

    [Fact]
    public void RestParser_DoesNotAllocate()
    {
        var registry = CreateRegistry();
        var parser = new OkxRestParser(registry);
        var btc = registry[Id(registry, "BTC-USDT")];
        var dot = registry[Id(registry, "DOT-USDT")];
        var ticker = Utf8(OkxFixtures.RestTicker);
        var booksDocs = Utf8(OkxFixtures.RestBooksDocs);
        var booksFixture = Utf8(OkxFixtures.RestBooksFixture);
        var candlesDocs = Utf8(OkxFixtures.RestCandlesDocs);
        var candlesFixture = Utf8(OkxFixtures.RestCandlesFixture);
        var error = Utf8(OkxFixtures.RestErrorRateLimit);
        var batch = new EventBatch(64);
        Assert.Equal(0, Measure(() =>
        {
            batch.Clear();
            parser.ParseTicker(ticker, ReceiveTimeNs, batch);
            parser.ParseBooks(booksDocs, btc, ReceiveTimeNs, batch);
            parser.ParseBooks(booksFixture, btc, ReceiveTimeNs, batch);
            parser.ParseCandles(candlesDocs, dot, ReceiveTimeNs, batch);
            parser.ParseCandles(candlesFixture, btc, ReceiveTimeNs, batch, includeUnconfirmed: true);
            parser.ParseTicker(error, ReceiveTimeNs, batch);
        }));
    }

    [Fact]
    public void Checksum_DoesNotAllocate()
    {
        // 25 levels per side: the full checksum depth.
        var bids = new OkxChecksumLevel[25];
        var asks = new OkxChecksumLevel[25];
        var bookBids = new BookLevel[25];
        var bookAsks = new BookLevel[25];
        for (var i = 0; i < 25; i++)
        {
            bids[i] = new OkxChecksumLevel(847697 - i * 13, 256_00000000 + i * 1234567, (byte)(i % 3), 8);
            asks[i] = new OkxChecksumLevel(847698 + i * 17, 41500000000 - i * 7654321, 2, (byte)(i % 9));
            bookBids[i] = new BookLevel { Price = bids[i].Price, Quantity = bids[i].Quantity, PriceDecimals = bids[i].PriceDecimals, QuantityDecimals = bids[i].QuantityDecimals };
            bookAsks[i] = new BookLevel { Price = asks[i].Price, Quantity = asks[i].Quantity, PriceDecimals = asks[i].PriceDecimals, QuantityDecimals = asks[i].QuantityDecimals };
        }
        var sink = 0;
        var delta = Measure(() =>
        {
            sink ^= OkxBookChecksum.Compute(bids, asks, 2, 8);
            sink ^= OkxBookChecksum.Compute(bookBids, bookAsks, 2, 8);
            sink ^= OkxBookChecksum.Matches(-1881014294, bids, asks, 2, 8) ? 1 : 0;
        });
        Assert.Equal(0, delta);
        Assert.Equal(OkxBookChecksum.Compute(bids, asks, 2, 8), OkxBookChecksum.Compute(bookBids, bookAsks, 2, 8));
    }
}

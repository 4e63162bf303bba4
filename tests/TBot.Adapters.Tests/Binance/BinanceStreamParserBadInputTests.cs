using TBot.Adapters.Binance;
using TBot.Adapters.Ingress;
using TBot.Engine.Events;
using TBot.Engine.Validation;
using static TBot.Adapters.Tests.Binance.BinanceFixtures;

namespace TBot.Adapters.Tests.Binance;

/// <summary>Every bad input maps to its reason code, and a rejected frame leaves nothing in the batch.</summary>
public class BinanceStreamParserBadInputTests
{
    private readonly BinanceStreamParser _parser = new(Registry());

    private void AssertRejected(string frame, RejectReason reason)
    {
        var batch = new EventBatch(4);
        batch.Add().TradeId = 42; // an earlier frame's event must survive
        var result = _parser.Parse(Utf8(frame), ReceiveTimeNs, batch);
        Assert.Equal(ParseResult.Reject(reason), result);
        Assert.Equal(1, batch.Count);
        Assert.Equal(42, batch[0].TradeId);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("{")]
    [InlineData("not json")]
    [InlineData("""{"u":400900217,"s":"BNBUSDT","b":"25.35190000",""")]
    [InlineData("""{"u":1,}""")]
    [InlineData("""{"u":1,"s":"BNBUSDT","b":"1","B":"1","a":"2","A":"1"}x""")]
    [InlineData("""{"result":null,"id":1}{"result":null,"id":2}""")]
    [InlineData("""{"stream":"bnbusdt@bookTicker","data":{"u":1,"s":"BNBUSDT"}""")]
    [InlineData("""{'u':1}""")]
    public void MalformedJson(string frame) => AssertRejected(frame, RejectReason.MalformedJson);

    [Theory]
    [InlineData(BookTicker2)]
    [InlineData(Trade1)]
    [InlineData(AggTrade2Combined)]
    [InlineData(DepthLegacy2)]
    [InlineData(Ticker2NoTrades)]
    [InlineData(ServerShutdownCombined)]
    public void EveryTruncation_IsMalformed(string frame)
    {
        var bytes = Utf8(frame.TrimEnd());
        var batch = new EventBatch(4);
        for (var n = 0; n < bytes.Length; n++)
        {
            var result = _parser.Parse(bytes.AsSpan(0, n), ReceiveTimeNs, batch);
            Assert.Equal(ParseResult.Reject(RejectReason.MalformedJson), result);
            Assert.Equal(0, batch.Count);
        }
    }

    [Fact]
    public void BadLevelAfterGoodOnes_BacksOutTheWholeMessage()
    {
        const string frame = """{"e":"depthUpdate","E":1,"s":"BNBBTC","U":1,"u":2,"b":[["0.0024","10"],["0.0023","5"]],"a":[["0.0026",100]]}""";
        AssertRejected(frame, RejectReason.WrongType);
    }

    [Theory]
    // Prices and sizes must be strings.
    [InlineData("""{"u":1,"s":"BNBUSDT","b":25.3519,"B":"1","a":"2","A":"1"}""")]
    [InlineData("""{"e":"trade","E":1,"s":"BNBBTC","t":1,"p":0.001,"q":"100","T":1,"m":true}""")]
    [InlineData("""{"e":"depthUpdate","E":1,"s":"BNBBTC","U":1,"u":2,"b":[[0.0024,"10"]],"a":[]}""")]
    [InlineData("""{"e":"24hrTicker","E":1,"s":"BNBBTC","c":"0.0025","v":10000,"b":"0","B":"0","a":"0","A":"0","o":"0","h":"0","l":"0"}""")]
    // Ids and times must be numbers.
    [InlineData("""{"e":"trade","E":1,"s":"BNBBTC","t":"12345","p":"0.001","q":"100","T":1,"m":true}""")]
    [InlineData("""{"u":"400900217","s":"BNBUSDT","b":"1","B":"1","a":"2","A":"1"}""")]
    [InlineData("""{"e":"depthUpdate","E":"1","s":"BNBBTC","U":1,"u":2,"b":[],"a":[]}""")]
    // Booleans, symbols, event types, containers.
    [InlineData("""{"e":"trade","E":1,"s":"BNBBTC","t":1,"p":"0.001","q":"100","T":1,"m":"true"}""")]
    [InlineData("""{"u":1,"s":123,"b":"1","B":"1","a":"2","A":"1"}""")]
    [InlineData("""{"e":7,"E":1,"s":"BNBBTC"}""")]
    [InlineData("""{"e":"depthUpdate","E":1,"s":"BNBBTC","U":1,"u":2,"b":{},"a":[]}""")]
    [InlineData("""{"e":"depthUpdate","E":1,"s":"BNBBTC","U":1,"u":2,"b":["0.0024","10"],"a":[]}""")]
    [InlineData("""{"stream":"bnbusdt@bookTicker","data":"oops"}""")]
    [InlineData("""{"stream":42,"data":{"u":1,"s":"BNBUSDT","b":"1","B":"1","a":"2","A":"1"}}""")]
    [InlineData("42")]
    [InlineData("\"text\"")]
    public void WrongType(string frame) => AssertRejected(frame, RejectReason.WrongType);

    [Theory]
    [InlineData("""{"u":1,"s":"BNBUSDT","b":"1","B":"1","a":"2"}""")]                              // no A
    [InlineData("""{"stream":"bnbusdt@bookTicker","data":{"U":1,"s":"BNBUSDT","b":"1","B":"1","a":"2","A":"1"}}""")] // U is not u
    [InlineData("""{"e":"trade","E":1,"s":"BNBBTC","t":1,"p":"0.001","q":"100","m":true}""")]       // no T
    [InlineData("""{"e":"trade","E":1,"s":"BNBBTC","t":1,"p":"0.001","q":"100","T":1}""")]          // no m
    [InlineData("""{"e":"aggTrade","E":1,"s":"BNBBTC","a":1,"p":"0.001","q":"100","f":1,"T":1,"m":true}""")] // no l
    [InlineData("""{"e":"depthUpdate","E":1,"s":"BNBBTC","U":1,"u":2,"b":[]}""")]                   // no a
    [InlineData("""{"e":"depthUpdate","E":1,"s":"BNBBTC","U":1,"u":2,"b":[["0.0024"]],"a":[]}""")]  // level without qty
    [InlineData("""{"e":"depthUpdate","E":1,"s":"BNBBTC","U":1,"u":2,"b":[[]],"a":[]}""")]          // empty level
    [InlineData("""{"e":"24hrTicker","E":1,"s":"BNBBTC","c":"0.0025","b":"0","B":"0","a":"0","A":"0","o":"0","h":"0","l":"0"}""")] // no v
    [InlineData("""{"e":"trade","E":1,"t":1,"p":"0.001","q":"100","T":1,"m":true}""")]              // no symbol at all
    [InlineData("""{"stream":"bnbbtc@depth5","data":{"bids":[],"asks":[]}}""")]                     // no lastUpdateId
    public void MissingField(string frame) => AssertRejected(frame, RejectReason.MissingField);

    [Theory]
    [InlineData("""{"u":1,"s":"BNBUSDT","b":"abc","B":"1","a":"2","A":"1"}""")]
    [InlineData("""{"u":1,"s":"BNBUSDT","b":"1.2.3","B":"1","a":"2","A":"1"}""")]
    [InlineData("""{"u":1,"s":"BNBUSDT","b":"","B":"1","a":"2","A":"1"}""")]
    [InlineData("""{"u":1,"s":"BNBUSDT","b":"1","B":"99999999999999999999","a":"2","A":"1"}""")]
    [InlineData("""{"u":1.5,"s":"BNBUSDT","b":"1","B":"1","a":"2","A":"1"}""")]
    [InlineData("""{"u":99999999999999999999,"s":"BNBUSDT","b":"1","B":"1","a":"2","A":"1"}""")]
    [InlineData("""{"e":"trade","E":1,"s":"BNBBTC","t":1,"p":"0.001","q":"100","T":99999999999999999,"m":true}""")]
    public void BadNumber(string frame) => AssertRejected(frame, RejectReason.BadNumber);

    [Theory]
    [InlineData("""{"u":1,"s":"DOGEUSDT","b":"1","B":"1","a":"2","A":"1"}""")]
    [InlineData("""{"u":1,"s":"bnbusdt","b":"1","B":"1","a":"2","A":"1"}""")] // "s" is exact (upper) case
    [InlineData("""{"e":"trade","E":1,"s":"NOPE","t":1,"p":"0.001","q":"100","T":1,"m":true}""")]
    [InlineData("""{"stream":"nope@depth5","data":{"lastUpdateId":1,"bids":[],"asks":[]}}""")]
    public void UnknownInstrument(string frame) => AssertRejected(frame, RejectReason.UnknownInstrument);

    [Theory]
    [InlineData("""{"e":"kline","E":1,"s":"BNBBTC","k":{}}""")]
    [InlineData("""{"stream":"bnbbtc@kline_1m","data":{"e":"kline","E":1,"s":"BNBBTC","k":{}}}""")]
    [InlineData("""{"e":"1hTicker","E":1,"s":"BNBBTC"}""")]
    [InlineData("""{"foo":1}""")]
    [InlineData("{}")]
    [InlineData("""[{"e":"24hrTicker"}]""")]
    [InlineData("""{"stream":"!ticker@arr","data":[]}""")]
    public void UnknownMessage(string frame) => AssertRejected(frame, RejectReason.UnknownMessage);

    [Theory]
    [InlineData("""{"u":1,"s":"BNBUSDT","b":"25.35195000","B":"1","a":"26","A":"1"}""")]
    [InlineData("""{"e":"trade","E":1,"s":"BNBBTC","t":1,"p":"0.0010001","q":"100","T":1,"m":true}""")]
    [InlineData("""{"e":"depthUpdate","E":1,"s":"BNBBTC","U":1,"u":2,"b":[],"a":[["0.00260001","1"]]}""")]
    [InlineData("""{"stream":"bnbbtc@depth5","data":{"lastUpdateId":1,"bids":[["0.00000001","1"]],"asks":[]}}""")]
    [InlineData("""{"e":"24hrTicker","E":1,"s":"BNBBTC","c":"0.0025","v":"1","b":"0","B":"0","a":"0","A":"0","o":"0","h":"0.00250005","l":"0"}""")]
    public void PriceFinerThanScale_IsTickMisaligned(string frame) => AssertRejected(frame, RejectReason.TickMisaligned);

    [Theory]
    [InlineData("""{"u":1,"s":"BNBUSDT","b":"25","B":"31.215","a":"26","A":"1"}""")]
    [InlineData("""{"e":"aggTrade","E":1,"s":"BNBBTC","a":1,"p":"0.001","q":"0.0001","f":1,"l":1,"T":1,"m":true}""")]
    [InlineData("""{"e":"depthUpdate","E":1,"s":"BNBBTC","U":1,"u":2,"b":[["0.0024","10.0005"]],"a":[]}""")]
    public void SizeFinerThanScale_IsStepMisaligned(string frame) => AssertRejected(frame, RejectReason.StepMisaligned);

    [Fact]
    public void PaddingZerosBeyondScale_AreAccepted()
    {
        // BNBUSDT has price scale 4: "25.35190000" only pads zeros.
        var (result, events) = Parse(_parser, """{"u":1,"s":"BNBUSDT","b":"25.35190000","B":"1.00000000","a":"26.00000000","A":"1.10000000"}""");
        Assert.Equal(FrameKind.Data, result.Kind);
        Assert.Equal(253519, events[0].Bid);
        Assert.Equal(110, events[0].AskSize);
    }

    [Fact]
    public void KeyA_MeansDifferentThingsPerStream()
    {
        // "a" as an int id (aggTrade), a price string (bookTicker), an array (depth) — each accepted in its
        // own stream and a type error in the others.
        var (r1, _) = Parse(_parser, """{"e":"aggTrade","E":1,"s":"BNBBTC","a":5,"p":"0.001","q":"1","f":1,"l":1,"T":1,"m":true}""");
        var (r2, _) = Parse(_parser, """{"u":1,"s":"BNBBTC","b":"0.001","B":"1","a":"0.002","A":"1"}""");
        var (r3, _) = Parse(_parser, """{"e":"depthUpdate","E":1,"s":"BNBBTC","U":1,"u":2,"b":[],"a":[["0.002","1"]]}""");
        Assert.Equal(FrameKind.Data, r1.Kind);
        Assert.Equal(FrameKind.Data, r2.Kind);
        Assert.Equal(FrameKind.Data, r3.Kind);
        var (w1, _) = Parse(_parser, """{"e":"aggTrade","E":1,"s":"BNBBTC","a":"0.002","p":"0.001","q":"1","f":1,"l":1,"T":1,"m":true}""");
        var (w2, _) = Parse(_parser, """{"u":1,"s":"BNBBTC","b":"0.001","B":"1","a":5,"A":"1"}""");
        var (w3, _) = Parse(_parser, """{"e":"depthUpdate","E":1,"s":"BNBBTC","U":1,"u":2,"b":[],"a":"0.002"}""");
        Assert.Equal(RejectReason.WrongType, w1.Reason);
        Assert.Equal(RejectReason.WrongType, w2.Reason);
        Assert.Equal(RejectReason.WrongType, w3.Reason);
    }

    [Fact]
    public void UnknownKeysAndDeepValues_AreSkipped()
    {
        const string frame = """{"x":{"deep":[1,[2,{"b":"9"}]]},"u":1,"s":"BNBUSDT","b":"1","B":"1","a":"2","A":"1","zz":null}""";
        var (result, events) = Parse(_parser, frame);
        Assert.Equal(FrameKind.Data, result.Kind);
        Assert.Equal(10000, events[0].Bid);
    }
}

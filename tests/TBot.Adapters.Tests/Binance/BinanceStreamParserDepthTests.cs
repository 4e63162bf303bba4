using TBot.Adapters.Binance;
using TBot.Adapters.Ingress;
using TBot.Engine.Events;
using TBot.Engine.Instruments;
using TBot.Engine.Validation;
using static TBot.Adapters.Tests.Binance.BinanceFixtures;

namespace TBot.Adapters.Tests.Binance;

/// <summary>depthUpdate (diff) and depth&lt;N&gt; (partial) payloads.</summary>
public class BinanceStreamParserDepthTests
{
    private const EventFlags First = EventFlags.FirstInMessage;
    private const EventFlags Last = EventFlags.LastInMessage;

    private readonly InstrumentRegistry _registry = Registry();
    private readonly BinanceStreamParser _parser;

    public BinanceStreamParserDepthTests() => _parser = new BinanceStreamParser(_registry);

    private void AssertDepth1(ParseResult result, MarketEvent[] events)
    {
        Assert.Equal(ParseResult.Data(), result);
        Assert.Equal(2, events.Length);
        foreach (var e in events)
        {
            Assert.Equal(MarketEventKind.BookDelta, e.Kind);
            Assert.Equal(Id(_registry, "BNBBTC"), e.InstrumentId);
            Assert.Equal(157, e.FirstUpdateId);
            Assert.Equal(160, e.UpdateId);
            Assert.Equal(1672515782136L * 1_000_000, e.ExchangeTimeNs);
            Assert.Equal(ReceiveTimeNs, e.ReceiveTimeNs);
        }
        Assert.Equal((Side.Buy, 2400L, 10_000L, First), (events[0].Side, events[0].Price, events[0].Quantity, events[0].Flags));
        Assert.Equal((Side.Sell, 2600L, 100_000L, Last), (events[1].Side, events[1].Price, events[1].Quantity, events[1].Flags));
        Assert.Equal(4, events[0].PriceDecimals);
        Assert.Equal(0, events[0].QuantityDecimals);
    }

    [Fact]
    public void DepthUpdate_Example1_Raw()
    {
        var (result, events) = Parse(_parser, Depth1);
        AssertDepth1(result, events);
    }

    [Fact]
    public void DepthUpdate_Example1_CombinedDataFirst_AsksBeforeBids()
    {
        const string frame = """{"data":{"a":[["0.0026","100"]],"b":[["0.0024","10"]],"u":160,"U":157,"s":"BNBBTC","E":1672515782136,"e":"depthUpdate"},"stream":"bnbbtc@depth@100ms"}""";
        var (result, events) = Parse(_parser, frame);
        AssertDepth1(result, events);
    }

    [Fact]
    public void DepthUpdate_Legacy1_EmptyBids_ThreeElementLevel_ZeroQuantityRemoves()
    {
        var (result, events) = Parse(_parser, DepthLegacy1);
        Assert.Equal(ParseResult.Data(), result);
        var e = Assert.Single(events);
        Assert.Equal(MarketEventKind.BookDelta, e.Kind);
        Assert.Equal(Id(_registry, "ZRXETH"), e.InstrumentId);
        Assert.Equal(Side.Sell, e.Side);
        Assert.Equal(55696, e.Price);
        Assert.Equal(0, e.Quantity);
        Assert.Equal(412370, e.FirstUpdateId);
        Assert.Equal(412370, e.UpdateId);
        Assert.Equal(First | Last, e.Flags);
    }

    [Fact]
    public void DepthUpdate_Legacy2_ContinuesLegacy1()
    {
        var (_, first) = Parse(_parser, DepthLegacy1);
        var (result, events) = Parse(_parser, DepthLegacy2);
        Assert.Equal(ParseResult.Data(), result);
        Assert.Equal(3, events.Length);
        Assert.Equal(first[0].UpdateId + 1, events[0].FirstUpdateId); // U == previous u + 1
        Assert.Equal(412373, events[2].UpdateId);
        Assert.Equal((Side.Buy, 53691L, 1634L), (events[0].Side, events[0].Price, events[0].Quantity));
        Assert.Equal((Side.Buy, 53690L, 0L), (events[1].Side, events[1].Price, events[1].Quantity));
        Assert.Equal((Side.Sell, 55694L, 268L), (events[2].Side, events[2].Price, events[2].Quantity));
        Assert.Equal(First, events[0].Flags);
        Assert.Equal(EventFlags.None, events[1].Flags);
        Assert.Equal(Last, events[2].Flags);
    }

    [Fact]
    public void DepthUpdate_BothSidesEmpty_StillEmitsOneEventForTheIds()
    {
        const string frame = """{"e":"depthUpdate","E":1672515782136,"s":"BNBBTC","U":161,"u":163,"b":[],"a":[]}""";
        var (result, events) = Parse(_parser, frame);
        Assert.Equal(ParseResult.Data(), result);
        var e = Assert.Single(events);
        Assert.Equal(MarketEventKind.BookDelta, e.Kind);
        Assert.Equal(Side.None, e.Side);
        Assert.Equal(0, e.Quantity);
        Assert.Equal(161, e.FirstUpdateId);
        Assert.Equal(163, e.UpdateId);
        Assert.Equal(First | Last, e.Flags);
    }

    [Fact]
    public void DepthUpdate_UpdateIdsBeyond32Bits()
    {
        const string frame = """{"e":"depthUpdate","E":1,"s":"BNBBTC","U":5000000000,"u":5000000007,"b":[["0.0024","1"]],"a":[]}""";
        var (_, events) = Parse(_parser, frame);
        Assert.Equal(5_000_000_000, events[0].FirstUpdateId);
        Assert.Equal(5_000_000_007, events[0].UpdateId);
    }

    [Fact]
    public void DepthUpdate_CaseSensitive_LowerUOnly_IsMissingField()
    {
        // Only "u" (no "U"): a case-insensitive matcher would take u for U.
        const string frame = """{"e":"depthUpdate","E":1,"s":"BNBBTC","u":160,"b":[],"a":[]}""";
        var (result, events) = Parse(_parser, frame);
        Assert.Equal(ParseResult.Reject(RejectReason.MissingField), result);
        Assert.Empty(events);
    }

    private void AssertPartial(ParseResult result, MarketEvent[] events)
    {
        Assert.Equal(ParseResult.Data(), result);
        Assert.Equal(2, events.Length);
        foreach (var e in events)
        {
            Assert.Equal(MarketEventKind.BookSnapshotLevel, e.Kind);
            Assert.Equal(Id(_registry, "BNBBTC"), e.InstrumentId);
            Assert.Equal(160, e.UpdateId);
            Assert.Equal(0, e.ExchangeTimeNs);
        }
        Assert.Equal((Side.Buy, 2400L, 10_000L, First), (events[0].Side, events[0].Price, events[0].Quantity, events[0].Flags));
        Assert.Equal((Side.Sell, 2600L, 100_000L, Last), (events[1].Side, events[1].Price, events[1].Quantity, events[1].Flags));
    }

    [Fact]
    public void PartialDepth_Combined_SymbolFromStreamName()
    {
        var frame = "{\"stream\":\"bnbbtc@depth5@100ms\",\"data\":" + PartialDepth + "}";
        var (result, events) = Parse(_parser, frame);
        AssertPartial(result, events);
    }

    [Fact]
    public void PartialDepth_Combined_DataBeforeStream()
    {
        var frame = "{\"data\":" + PartialDepth + ",\"stream\":\"bnbbtc@depth20\"}";
        var (result, events) = Parse(_parser, frame);
        AssertPartial(result, events);
    }

    [Fact]
    public void PartialDepth_Raw_UsesTheConnectionsStreamName()
    {
        var parser = new BinanceStreamParser(_registry, rawStreamName: "bnbbtc@depth10@100ms");
        var (result, events) = Parse(parser, PartialDepth);
        AssertPartial(result, events);
    }

    [Fact]
    public void PartialDepth_Raw_WithoutStreamName_IsMissingSymbol()
    {
        var (result, events) = Parse(_parser, PartialDepth);
        Assert.Equal(ParseResult.Reject(RejectReason.MissingField), result);
        Assert.Empty(events);
    }

    [Fact]
    public void PartialDepth_UnknownSymbolInStreamName()
    {
        var frame = "{\"stream\":\"dogeusdt@depth5\",\"data\":" + PartialDepth + "}";
        var (result, _) = Parse(_parser, frame);
        Assert.Equal(ParseResult.Reject(RejectReason.UnknownInstrument), result);
    }

    [Fact]
    public void PartialDepth_EmptyBook_EmitsOneSnapshotEvent()
    {
        const string frame = """{"stream":"bnbbtc@depth5","data":{"lastUpdateId":170,"bids":[],"asks":[]}}""";
        var (result, events) = Parse(_parser, frame);
        Assert.Equal(ParseResult.Data(), result);
        var e = Assert.Single(events);
        Assert.Equal(MarketEventKind.BookSnapshotLevel, e.Kind);
        Assert.Equal(Side.None, e.Side);
        Assert.Equal(170, e.UpdateId);
        Assert.Equal(First | Last, e.Flags);
    }
}

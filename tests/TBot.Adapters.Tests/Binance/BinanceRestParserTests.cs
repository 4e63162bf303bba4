using System.Text;
using TBot.Adapters.Binance;
using TBot.Adapters.Ingress;
using TBot.Engine.Events;
using TBot.Engine.Instruments;
using TBot.Engine.Validation;
using static TBot.Adapters.Tests.Binance.BinanceFixtures;

namespace TBot.Adapters.Tests.Binance;

public class BinanceRestParserTests
{
    private const EventFlags First = EventFlags.FirstInMessage;
    private const EventFlags Last = EventFlags.LastInMessage;
    private const EventFlags Rest = EventFlags.FromRest;

    private readonly InstrumentRegistry _registry = Registry();
    private readonly EventBatch _batch = new(4);

    private Instrument Instrument(string symbol) => _registry[Id(_registry, symbol)];

    private (ParseResult, MarketEvent[]) Depth(string body, string symbol = "LTCBTC")
    {
        var result = BinanceRestParser.ParseDepthSnapshot(Utf8(body), Instrument(symbol), ReceiveTimeNs, _batch);
        return (result, _batch.AsSpan().ToArray());
    }

    [Fact]
    public void DepthSnapshot_Example1()
    {
        var (result, events) = Depth(RestDepth1);
        Assert.Equal(ParseResult.Data(), result);
        Assert.Equal(2, events.Length);
        foreach (var e in events)
        {
            Assert.Equal(MarketEventKind.BookSnapshotLevel, e.Kind);
            Assert.Equal(Venue.Binance, e.Venue);
            Assert.Equal(Id(_registry, "LTCBTC"), e.InstrumentId);
            Assert.Equal(1027024, e.UpdateId);
            Assert.Equal(ReceiveTimeNs, e.ReceiveTimeNs);
            Assert.True(e.Has(Rest));
        }
        Assert.Equal((Side.Buy, 4_000_000L, 43_100L, First | Rest), (events[0].Side, events[0].Price, events[0].Quantity, events[0].Flags));
        Assert.Equal((Side.Sell, 4_000_002L, 1_200L, Last | Rest), (events[1].Side, events[1].Price, events[1].Quantity, events[1].Flags));
        Assert.Equal(8, events[1].PriceDecimals);
    }

    [Fact]
    public void DepthSnapshot_Example2_EmptyBidSide()
    {
        var (result, events) = Depth(RestDepth2, "BNBUSDT");
        Assert.Equal(ParseResult.Data(), result);
        var e = Assert.Single(events);
        Assert.Equal((Side.Sell, 3530L, 10_000L, 42L), (e.Side, e.Price, e.Quantity, e.UpdateId));
        Assert.Equal(First | Last | Rest, e.Flags);
    }

    [Fact]
    public void DepthSnapshot_BothSidesEmpty_OneEvent()
    {
        var (result, events) = Depth("""{"lastUpdateId":77,"bids":[],"asks":[]}""");
        Assert.Equal(ParseResult.Data(), result);
        var e = Assert.Single(events);
        Assert.Equal(MarketEventKind.BookSnapshotLevel, e.Kind);
        Assert.Equal(Side.None, e.Side);
        Assert.Equal(77, e.UpdateId);
        Assert.Equal(First | Last | Rest, e.Flags);
    }

    [Fact]
    public void DepthSnapshot_ReorderedKeys_LegacyLevels_BigId()
    {
        var (result, events) = Depth("""{"asks":[["4.00000200","12.00000000",[]]],"bids":[["4.00000000","431.00000000",[]]],"lastUpdateId":68719476736}""");
        Assert.Equal(ParseResult.Data(), result);
        Assert.Equal(Side.Buy, events[0].Side);
        Assert.Equal(Side.Sell, events[1].Side);
        Assert.Equal(68_719_476_736, events[0].UpdateId);
    }

    [Theory]
    [InlineData(RestError, RejectReason.VenueError)]
    [InlineData("""{"lastUpdateId":1,"bids":[],"asks":[""", RejectReason.MalformedJson)]
    [InlineData("""{"lastUpdateId":"1","bids":[],"asks":[]}""", RejectReason.WrongType)]
    [InlineData("""{"lastUpdateId":1,"bids":[[4.0,"1"]],"asks":[]}""", RejectReason.WrongType)]
    [InlineData("""[]""", RejectReason.WrongType)]
    [InlineData("""{"lastUpdateId":1,"asks":[]}""", RejectReason.MissingField)]
    [InlineData("""{"lastUpdateId":1,"bids":[["4.0000001","1"]],"asks":[]}""", RejectReason.TickMisaligned)]
    [InlineData("""{"lastUpdateId":1,"bids":[["4","1"]],"asks":[["5","0.001"]]}""", RejectReason.StepMisaligned)]
    public void DepthSnapshot_BadBodies(string body, RejectReason reason)
    {
        _batch.Add();
        var (result, events) = Depth(body);
        Assert.Equal(reason, result.Reason);
        Assert.Equal(FrameKind.Rejected, result.Kind);
        Assert.Single(events); // only the event that was there before
        if (reason == RejectReason.VenueError) Assert.Equal(ControlKind.Error, result.Control);
    }

    private (ParseResult, MarketEvent[]) BookTicker(string body)
    {
        var result = BinanceRestParser.ParseBookTicker(Utf8(body), _registry, ReceiveTimeNs, _batch);
        return (result, _batch.AsSpan().ToArray());
    }

    [Fact]
    public void BookTicker_Example1_Object()
    {
        var (result, events) = BookTicker(RestBookTicker1);
        Assert.Equal(ParseResult.Data(), result);
        var e = Assert.Single(events);
        Assert.Equal(MarketEventKind.Quote, e.Kind);
        Assert.Equal(Id(_registry, "LTCBTC"), e.InstrumentId);
        Assert.Equal((4_000_000L, 43_100L, 4_000_002L, 900L), (e.Bid, e.BidSize, e.Ask, e.AskSize));
        Assert.Equal(First | Last | Rest, e.Flags);
        Assert.Equal(0, e.ExchangeTimeNs);
    }

    [Fact]
    public void BookTicker_Example2_Array()
    {
        var (result, events) = BookTicker(RestBookTicker2);
        Assert.Equal(ParseResult.Data(), result);
        Assert.Equal(2, events.Length);
        Assert.Equal(Id(_registry, "LTCBTC"), events[0].InstrumentId);
        Assert.Equal(Id(_registry, "ETHBTC"), events[1].InstrumentId);
        Assert.Equal((7_946_700L, 900_000_000L, 10_000_000_000_000L, 100_000_000_000L), (events[1].Bid, events[1].BidSize, events[1].Ask, events[1].AskSize));
    }

    [Fact]
    public void BookTicker_Array_SkipsUnregisteredSymbols_ObjectRejectsThem()
    {
        var (result, events) = BookTicker("""[{"symbol":"NOPE","bidPrice":"1","bidQty":"1","askPrice":"2","askQty":"1"},{"askQty":"9.00000000","askPrice":"4.00000200","bidQty":"431.00000000","bidPrice":"4.00000000","symbol":"LTCBTC"}]""");
        Assert.Equal(ParseResult.Data(), result);
        Assert.Equal(Id(_registry, "LTCBTC"), Assert.Single(events).InstrumentId);

        _batch.Clear();
        (result, events) = BookTicker("""{"symbol":"NOPE","bidPrice":"1","bidQty":"1","askPrice":"2","askQty":"1"}""");
        Assert.Equal(ParseResult.Reject(RejectReason.UnknownInstrument), result);
        Assert.Empty(events);
    }

    [Fact]
    public void BookTicker_EmptySide_ZeroPrice()
    {
        var (result, events) = BookTicker("""{"symbol":"LTCBTC","bidPrice":"0.00000000","bidQty":"0.00000000","askPrice":"4.00000200","askQty":"9.00000000"}""");
        Assert.Equal(FrameKind.Data, result.Kind);
        Assert.Equal(0, events[0].Bid);
        Assert.Equal(0, events[0].BidSize);
    }

    [Theory]
    [InlineData(RestError, RejectReason.VenueError)]
    [InlineData("""[{"symbol":"LTCBTC","bidPrice":4.0,"bidQty":"1","askPrice":"4","askQty":"1"}]""", RejectReason.WrongType)]
    [InlineData("""[{"symbol":"LTCBTC","bidPrice":"4","bidQty":"1","askPrice":"4"}]""", RejectReason.MissingField)]
    [InlineData("""[{"symbol":"LTCBTC","bidPrice":"4","bidQty":"1","askPrice":"4","askQty":"1"},""", RejectReason.MalformedJson)]
    [InlineData("""[1]""", RejectReason.WrongType)]
    public void BookTicker_BadBodies_BackOutEverything(string body, RejectReason reason)
    {
        var (result, events) = BookTicker(body);
        Assert.Equal(reason, result.Reason);
        Assert.Empty(events);
    }

    private (ParseResult, MarketEvent[]) Klines(string body)
    {
        var result = BinanceRestParser.ParseKlines(Utf8(body), Instrument("ETHBTC"), ReceiveTimeNs, _batch);
        return (result, _batch.AsSpan().ToArray());
    }

    [Fact]
    public void Klines_Example1()
    {
        var (result, events) = Klines(RestKlines1);
        Assert.Equal(ParseResult.Data(), result);
        var e = Assert.Single(events);
        Assert.Equal(MarketEventKind.Candle, e.Kind);
        Assert.Equal(Id(_registry, "ETHBTC"), e.InstrumentId);
        Assert.Equal(1_634_790, e.Open);
        Assert.Equal(80_000_000, e.High);
        Assert.Equal(1_575_800, e.Low);
        Assert.Equal(1_577_100, e.Price);
        Assert.Equal(14_897_611_427_815, e.Volume);
        Assert.Equal(1499040000000L * 1_000_000, e.ExchangeTimeNs);
        Assert.Equal(1499040000000, e.FirstUpdateId); // open time, ms
        Assert.Equal(1499644799999, e.UpdateId);      // close time, ms
        Assert.Equal(0, e.TradeId);
        Assert.Equal(First | Last | Rest, e.Flags);
    }

    [Fact]
    public void Klines_Several_FlagFirstAndLast()
    {
        var (result, events) = Klines("""[[1,"1","1","1","1","1",2,"0",0,"0","0","0"],[3,"1","1","1","1","1",4,"0",0,"0","0","0"],[5,"1","1","1","1","1",6]]""");
        Assert.Equal(ParseResult.Data(), result);
        Assert.Equal(3, events.Length);
        Assert.Equal(First | Rest, events[0].Flags);
        Assert.Equal(Rest, events[1].Flags);
        Assert.Equal(Last | Rest, events[2].Flags);
        Assert.Equal(6, events[2].UpdateId);
    }

    [Fact]
    public void Klines_Example2_Empty()
    {
        var (result, events) = Klines("[]");
        Assert.Equal(ParseResult.Data(), result);
        Assert.Empty(events);
    }

    [Theory]
    [InlineData(RestError, RejectReason.VenueError)]
    [InlineData("""{"foo":1}""", RejectReason.WrongType)]
    [InlineData("""[["1499040000000","0.1","0.1","0.1","0.1","1",1]]""", RejectReason.WrongType)]
    [InlineData("""[[1,"0.1","0.1","0.1","0.1"]]""", RejectReason.MissingField)]
    [InlineData("""[[1,"0.1","0.1","0.1","0.1","1",1],[2,"x","0.1","0.1","0.1","1",3]]""", RejectReason.BadNumber)]
    [InlineData("""[[1,"0.1","0.1","0.1","0.1","1",1]""", RejectReason.MalformedJson)]
    [InlineData("""[[1,"0.000000001","0.1","0.1","0.1","1",1]]""", RejectReason.TickMisaligned)]
    [InlineData("""[1]""", RejectReason.WrongType)]
    public void Klines_BadBodies(string body, RejectReason reason)
    {
        var (result, events) = Klines(body);
        Assert.Equal(reason, result.Reason);
        Assert.Empty(events);
    }

    [Fact]
    public void ServerTime()
    {
        Assert.True(BinanceRestParser.TryParseServerTime(Utf8(RestServerTime), out var ms));
        Assert.Equal(1499827319559, ms);
        Assert.Equal(1499827319559, BinanceRestParser.ParseServerTime(Utf8("""{ "serverTime" : 1499827319559 }""")));
        Assert.False(BinanceRestParser.TryParseServerTime(Utf8(RestError), out _));
        Assert.False(BinanceRestParser.TryParseServerTime(Utf8("""{"serverTime":"1"}"""), out _));
        Assert.False(BinanceRestParser.TryParseServerTime(Utf8("""{"serverTime":1"""), out _));
        Assert.Throws<FormatException>(() => BinanceRestParser.ParseServerTime(Utf8("[]")));
    }

    [Fact]
    public void Error_RestAndStreamShapes()
    {
        Assert.True(BinanceRestParser.TryParseError(Utf8(RestError), out var code, out var msg));
        Assert.Equal(-1121, code);
        Assert.Equal("Invalid symbol.", Encoding.UTF8.GetString(msg));

        Assert.True(BinanceRestParser.TryParseError(Utf8(ErrorFrame), out code, out msg));
        Assert.Equal(2, code);
        Assert.Equal("Invalid request: ...", Encoding.UTF8.GetString(msg));

        Assert.True(BinanceRestParser.TryParseError(Utf8("""{"code":-1007}"""), out code, out msg));
        Assert.Equal(-1007, code);
        Assert.True(msg.IsEmpty);

        Assert.False(BinanceRestParser.TryParseError(Utf8(RestServerTime), out _, out _));
        Assert.False(BinanceRestParser.TryParseError(Utf8("""{"code":-1121,"""), out _, out _));
        Assert.False(BinanceRestParser.TryParseError(Utf8("""{"code":"-1121"}"""), out _, out _));
    }
}

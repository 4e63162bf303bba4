using TBot.Adapters.Binance;
using TBot.Adapters.Ingress;
using TBot.Engine.Events;
using TBot.Engine.Instruments;
using static TBot.Adapters.Tests.Binance.BinanceFixtures;

namespace TBot.Adapters.Tests.Binance;

/// <summary>bookTicker, trade, aggTrade and 24hrTicker payloads, raw and combined.</summary>
public class BinanceStreamParserQuoteTradeTests
{
    private readonly InstrumentRegistry _registry = Registry();
    private readonly BinanceStreamParser _parser;

    public BinanceStreamParserQuoteTradeTests() => _parser = new BinanceStreamParser(_registry, connectionId: 7);

    private void AssertBnbUsdtQuote(ParseResult result, MarketEvent[] events)
    {
        Assert.Equal(ParseResult.Data(), result);
        var e = Assert.Single(events);
        Assert.Equal(MarketEventKind.Quote, e.Kind);
        Assert.Equal(Venue.Binance, e.Venue);
        Assert.Equal(Id(_registry, "BNBUSDT"), e.InstrumentId);
        Assert.Equal((ushort)7, e.ConnectionId);
        Assert.Equal(ReceiveTimeNs, e.ReceiveTimeNs);
        Assert.Equal(0, e.ExchangeTimeNs); // spot bookTicker has no E
        Assert.Equal(400900217, e.UpdateId);
        Assert.Equal(253519, e.Bid);      // 25.3519 at scale 4
        Assert.Equal(3121, e.BidSize);    // 31.21 at scale 2
        Assert.Equal(253652, e.Ask);
        Assert.Equal(4066, e.AskSize);
        Assert.Equal(8, e.PriceDecimals);
        Assert.Equal(8, e.QuantityDecimals);
        Assert.Equal(EventFlags.FirstInMessage | EventFlags.LastInMessage, e.Flags);
        Assert.Equal(Side.None, e.Side);
    }

    [Fact]
    public void BookTicker_Example1_Raw()
    {
        var (result, events) = Parse(_parser, BookTicker1);
        AssertBnbUsdtQuote(result, events);
    }

    [Fact]
    public void BookTicker_Example2_Combined()
    {
        var (result, events) = Parse(_parser, BookTicker2);
        AssertBnbUsdtQuote(result, events);
    }

    [Fact]
    public void BookTicker_ReorderedKeys_DataBeforeStream_SymbolLast()
    {
        const string frame = """{"data":{"A":"40.66000000","a":"25.36520000","B":"31.21000000","b":"25.35190000","u":400900217,"s":"BNBUSDT"},"stream":"bnbusdt@bookTicker"}""";
        var (result, events) = Parse(_parser, frame);
        AssertBnbUsdtQuote(result, events);
    }

    [Fact]
    public void BookTicker_RawWithoutSymbolKeyFirst()
    {
        const string frame = """{"b":"25.35190000","B":"31.21000000","a":"25.36520000","A":"40.66000000","s":"BNBUSDT","u":400900217}""";
        var (result, events) = Parse(_parser, frame);
        AssertBnbUsdtQuote(result, events);
    }

    [Fact]
    public void BookTicker_CaseSensitiveKeys_MapToTheirOwnFields()
    {
        const string frame = """{"u":1,"s":"BNBUSDT","B":"2.00","b":"1.0000","A":"4.00","a":"3.0000"}""";
        var (result, events) = Parse(_parser, frame);
        Assert.Equal(FrameKind.Data, result.Kind);
        var e = Assert.Single(events);
        Assert.Equal(10000, e.Bid);
        Assert.Equal(200, e.BidSize);
        Assert.Equal(30000, e.Ask);
        Assert.Equal(400, e.AskSize);
    }

    [Fact]
    public void BookTicker_EscapedPropertyName_IsMatched()
    {
        // "\u0062" is "b": legal JSON, must map to the bid price (and not to "B").
        const string frame = """{"u":1,"s":"BNBUSDT","\u0062":"1.0000","B":"2.00","a":"3.0000","A":"4.00"}""";
        var (result, events) = Parse(_parser, frame);
        Assert.Equal(FrameKind.Data, result.Kind);
        Assert.Equal(10000, events[0].Bid);
        Assert.Equal(200, events[0].BidSize);
    }

    [Fact]
    public void BookTicker_ZeroPrices_MeanNoQuote()
    {
        const string frame = """{"u":5,"s":"BNBUSDT","b":"0.00000000","B":"0.00000000","a":"0.00000000","A":"0.00000000"}""";
        var (result, events) = Parse(_parser, frame);
        Assert.Equal(FrameKind.Data, result.Kind);
        var e = Assert.Single(events);
        Assert.Equal(0, e.Bid);
        Assert.Equal(0, e.Ask);
        Assert.Equal(0, e.BidSize);
        Assert.Equal(0, e.AskSize);
    }

    [Fact]
    public void BookTicker_UpdateIdBeyond32Bits()
    {
        const string frame = """{"u":9876543210123,"s":"BNBUSDT","b":"1","B":"1","a":"2","A":"1"}""";
        var (_, events) = Parse(_parser, frame);
        Assert.Equal(9876543210123, events[0].UpdateId);
    }

    private void AssertBnbBtcTrade(ParseResult result, MarketEvent[] events, long tradeId)
    {
        Assert.Equal(ParseResult.Data(), result);
        var e = Assert.Single(events);
        Assert.Equal(MarketEventKind.Trade, e.Kind);
        Assert.Equal(Id(_registry, "BNBBTC"), e.InstrumentId);
        Assert.Equal(tradeId, e.TradeId);
        Assert.Equal(1000, e.Price);      // 0.001 at scale 6
        Assert.Equal(100_000, e.Quantity); // 100 at scale 3
        Assert.Equal(3, e.PriceDecimals);
        Assert.Equal(0, e.QuantityDecimals);
        Assert.Equal(1672515782136L * 1_000_000, e.ExchangeTimeNs);
        Assert.Equal(ReceiveTimeNs, e.ReceiveTimeNs);
        // m = true: the buyer was the maker, so the seller was the aggressor.
        Assert.Equal(Side.Sell, e.Side);
        Assert.True(e.Has(EventFlags.BuyerIsMaker));
        Assert.True(e.Has(EventFlags.FirstInMessage) && e.Has(EventFlags.LastInMessage));
    }

    [Fact]
    public void Trade_Example1()
    {
        var (result, events) = Parse(_parser, Trade1);
        AssertBnbBtcTrade(result, events, 12345);
        Assert.Equal(0, events[0].FirstUpdateId);
        Assert.Equal(0, events[0].UpdateId);
    }

    [Fact]
    public void Trade_Example2_LegacyIntegerBAndA_AreIgnored()
    {
        var (result, events) = Parse(_parser, Trade2Legacy);
        AssertBnbBtcTrade(result, events, 12345);
    }

    [Fact]
    public void Trade_Combined_BuyerTaker_ReorderedKeys()
    {
        const string frame = """{"data":{"m":false,"T":1672515782137,"q":"2.5","p":"0.0024","t":4294967299,"s":"BNBBTC","E":1672515782138,"e":"trade","M":true},"stream":"bnbbtc@trade"}""";
        var (result, events) = Parse(_parser, frame);
        Assert.Equal(FrameKind.Data, result.Kind);
        var e = Assert.Single(events);
        Assert.Equal(Side.Buy, e.Side);
        Assert.False(e.Has(EventFlags.BuyerIsMaker));
        Assert.Equal(4294967299, e.TradeId); // > 2^32
        Assert.Equal(2400, e.Price);
        Assert.Equal(2500, e.Quantity);
        Assert.Equal(1672515782137L * 1_000_000, e.ExchangeTimeNs); // T, not E
    }

    [Fact]
    public void AggTrade_Example1_IdsGoToTradeIdFirstAndLast()
    {
        var (result, events) = Parse(_parser, AggTrade1);
        AssertBnbBtcTrade(result, events, 12345);
        Assert.Equal(100, events[0].FirstUpdateId);
        Assert.Equal(105, events[0].UpdateId);
    }

    [Fact]
    public void AggTrade_Example2_Combined()
    {
        var (result, events) = Parse(_parser, AggTrade2Combined);
        Assert.Equal(ParseResult.Data(), result);
        var e = Assert.Single(events);
        Assert.Equal(MarketEventKind.Trade, e.Kind);
        Assert.Equal(Id(_registry, "ETHUSDT"), e.InstrumentId);
        Assert.Equal(226532, e.TradeId);
        Assert.Equal(228423, e.FirstUpdateId);
        Assert.Equal(228423, e.UpdateId);
        Assert.Equal(163246, e.Price);   // 1632.46 at scale 2
        Assert.Equal(34305, e.Quantity); // 0.34305 at scale 5
        Assert.Equal(1675759520847L * 1_000_000, e.ExchangeTimeNs);
        Assert.Equal(Side.Buy, e.Side);
        Assert.False(e.Has(EventFlags.BuyerIsMaker));
    }

    [Fact]
    public void AggTrade_BigIds()
    {
        const string frame = """{"e":"aggTrade","E":1,"s":"BNBBTC","a":8589934592,"p":"0.001","q":"1","f":8589934593,"l":8589934599,"T":2,"m":true,"M":true}""";
        var (_, events) = Parse(_parser, frame);
        Assert.Equal(8589934592, events[0].TradeId);
        Assert.Equal(8589934593, events[0].FirstUpdateId);
        Assert.Equal(8589934599, events[0].UpdateId);
    }

    [Fact]
    public void Ticker_Example1()
    {
        var (result, events) = Parse(_parser, Ticker1);
        Assert.Equal(ParseResult.Data(), result);
        var e = Assert.Single(events);
        Assert.Equal(MarketEventKind.Ticker, e.Kind);
        Assert.Equal(Id(_registry, "BNBBTC"), e.InstrumentId);
        Assert.Equal(1672515782136L * 1_000_000, e.ExchangeTimeNs);
        Assert.Equal(2500, e.Price);          // c 0.0025 at scale 6
        Assert.Equal(10_000_000, e.Volume);   // v 10000 at scale 3
        Assert.Equal(2400, e.Bid);
        Assert.Equal(10_000, e.BidSize);
        Assert.Equal(2600, e.Ask);
        Assert.Equal(100_000, e.AskSize);
        Assert.Equal(1000, e.Open);
        Assert.Equal(2500, e.High);
        Assert.Equal(1000, e.Low);
        Assert.Equal(4, e.PriceDecimals);
        Assert.Equal(0, e.QuantityDecimals);
        Assert.Equal(EventFlags.FirstInMessage | EventFlags.LastInMessage, e.Flags);
    }

    [Fact]
    public void Ticker_Example2_NoTradesInWindow_MinusOneIdsAndZeroPrices()
    {
        var (result, events) = Parse(_parser, Ticker2NoTrades);
        Assert.Equal(ParseResult.Data(), result);
        var e = Assert.Single(events);
        Assert.Equal(MarketEventKind.Ticker, e.Kind);
        Assert.Equal(Id(_registry, "XYZUSDT"), e.InstrumentId);
        Assert.Equal(0, e.Price);
        Assert.Equal(0, e.Open);
        Assert.Equal(0, e.Volume);
        Assert.Equal(0, e.Bid);
        Assert.Equal(0, e.Ask);
    }

    [Fact]
    public void NonAsciiSymbol_ResolvesFromPayloadAndFromStreamName()
    {
        var trade = """{"stream":"币安人生usdt@trade","data":{"e":"trade","E":1,"s":"币安人生USDT","t":1,"p":"1.5","q":"2","T":1,"m":false,"M":true}}""";
        var (result, events) = Parse(_parser, trade);
        Assert.Equal(FrameKind.Data, result.Kind);
        Assert.Equal(Id(_registry, NonAsciiSymbol), events[0].InstrumentId);

        var escaped = """{"e":"trade","E":1,"s":"\u5e01\u5b89\u4eba\u751fUSDT","t":1,"p":"1.5","q":"2","T":1,"m":false,"M":true}""";
        (result, events) = Parse(_parser, escaped);
        Assert.Equal(FrameKind.Data, result.Kind);
        Assert.Equal(Id(_registry, NonAsciiSymbol), events[0].InstrumentId);

        var depth = """{"stream":"币安人生usdt@depth5","data":{"lastUpdateId":1,"bids":[["1.5","2"]],"asks":[]}}""";
        (result, events) = Parse(_parser, depth);
        Assert.Equal(FrameKind.Data, result.Kind);
        Assert.Equal(Id(_registry, NonAsciiSymbol), events[0].InstrumentId);
    }

    [Fact]
    public void SameSymbolOnAnotherVenue_IsUnknownHere()
    {
        const string frame = """{"u":1,"s":"DOGEUSDT","b":"1","B":"1","a":"2","A":"1"}""";
        var (result, events) = Parse(_parser, frame);
        Assert.Equal(ParseResult.Reject(Engine.Validation.RejectReason.UnknownInstrument), result);
        Assert.Empty(events);
    }

    [Fact]
    public void Venue_IsBinance() => Assert.Equal(Venue.Binance, _parser.Venue);
}

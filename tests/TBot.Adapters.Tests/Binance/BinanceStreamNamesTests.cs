using TBot.Adapters.Binance;
using TBot.Adapters.Ingress;
using TBot.Engine.Instruments;
using static TBot.Adapters.Tests.Binance.BinanceFixtures;

namespace TBot.Adapters.Tests.Binance;

public class BinanceStreamNamesTests
{
    [Fact]
    public void StreamNames_UseLowerCaseSymbols()
    {
        Assert.Equal("bnbusdt@bookTicker", BinanceStreamNames.BookTicker("BNBUSDT"));
        Assert.Equal("bnbbtc@trade", BinanceStreamNames.Trade("BNBBTC"));
        Assert.Equal("btcusdt@aggTrade", BinanceStreamNames.AggTrade("BTCUSDT"));
        Assert.Equal("btcusdt@depth@100ms", BinanceStreamNames.Depth("BTCUSDT"));
        Assert.Equal("bnbbtc@depth", BinanceStreamNames.Depth("BNBBTC", fast: false));
        Assert.Equal("bnbbtc@depth5@100ms", BinanceStreamNames.PartialDepth("BNBBTC", 5));
        Assert.Equal("bnbbtc@depth20", BinanceStreamNames.PartialDepth("BNBBTC", 20, fast: false));
        Assert.Equal("xyzusdt@ticker", BinanceStreamNames.Ticker("XYZUSDT"));
        Assert.Throws<ArgumentOutOfRangeException>(() => BinanceStreamNames.PartialDepth("BNBBTC", 7));
    }

    [Fact]
    public void Urls()
    {
        Assert.Equal("wss://stream.binance.com:9443/ws/btcusdt@bookTicker", BinanceStreamNames.RawUrl("btcusdt@bookTicker"));
        Assert.Equal(
            "wss://stream.binance.com:9443/stream?streams=btcusdt@bookTicker/btcusdt@depth@100ms",
            BinanceStreamNames.CombinedUrl([BinanceStreamNames.BookTicker("BTCUSDT"), BinanceStreamNames.Depth("BTCUSDT")]));
        Assert.Equal(
            "wss://data-stream.binance.vision/stream?streams=bnbbtc@trade",
            BinanceStreamNames.CombinedUrl(["bnbbtc@trade"], BinanceStreamNames.MarketDataBaseUrl + "/"));
        Assert.Throws<ArgumentException>(() => BinanceStreamNames.CombinedUrl([]));
        Assert.Throws<ArgumentException>(() => BinanceStreamNames.CombinedUrl(Enumerable.Repeat("a@trade", 1025)));
    }

    [Fact]
    public void SubscribeRequests_MatchTheDoc()
    {
        Assert.Equal("""{"method":"SUBSCRIBE","params":["btcusdt@aggTrade","btcusdt@depth"],"id":1}""",
            BinanceStreamNames.Subscribe(["btcusdt@aggTrade", "btcusdt@depth"], 1));
        Assert.Equal("""{"method":"UNSUBSCRIBE","params":["btcusdt@depth"],"id":312}""",
            BinanceStreamNames.Unsubscribe(["btcusdt@depth"], 312));
    }

    [Fact]
    public void NonAsciiSymbol_RoundTripsThroughTheParser()
    {
        var stream = BinanceStreamNames.PartialDepth(NonAsciiSymbol, 5);
        Assert.Equal("币安人生usdt@depth5@100ms", stream);
        var registry = Registry();
        var parser = new BinanceStreamParser(registry);
        var (result, events) = Parse(parser, "{\"stream\":\"" + stream + "\",\"data\":{\"lastUpdateId\":1,\"bids\":[],\"asks\":[]}}");
        Assert.Equal(FrameKind.Data, result.Kind);
        Assert.Equal(Id(registry, NonAsciiSymbol), events[0].InstrumentId);
        Assert.Equal(Id(registry, NonAsciiSymbol), registry.LookupUpperInvariant(Venue.Binance, Utf8(BinanceStreamNames.Lower(NonAsciiSymbol))));
    }
}

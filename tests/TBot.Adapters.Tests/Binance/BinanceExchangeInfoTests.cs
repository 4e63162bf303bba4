using TBot.Adapters.Binance;
using TBot.Adapters.Ingress;
using TBot.Engine.Instruments;
using static TBot.Adapters.Tests.Binance.BinanceFixtures;

namespace TBot.Adapters.Tests.Binance;

public class BinanceExchangeInfoTests
{
    // Built from the doc's filter and rateLimits examples (verbatim objects), plus legacy and unknown filters.
    private const string Body = """
        {
          "timezone": "UTC",
          "serverTime": 1565246363776,
          "rateLimits": [
            {"rateLimitType":"REQUEST_WEIGHT","interval":"MINUTE","intervalNum":1,"limit":6000},
            {"rateLimitType":"ORDERS","interval":"SECOND","intervalNum":10,"limit":50},
            {"rateLimitType":"ORDERS","interval":"DAY","intervalNum":1,"limit":160000},
            {"rateLimitType":"RAW_REQUESTS","interval":"MINUTE","intervalNum":5,"limit":61000}
          ],
          "exchangeFilters": [],
          "symbols": [
            {
              "symbol": "BNBBTC",
              "status": "TRADING",
              "baseAsset": "BNB",
              "baseAssetPrecision": 8,
              "quoteAsset": "BTC",
              "quotePrecision": 8,
              "quoteAssetPrecision": 8,
              "orderTypes": ["LIMIT", "LIMIT_MAKER", "MARKET"],
              "filters": [
                {
                    "filterType": "PRICE_FILTER",
                    "minPrice": "0.00000100",
                    "maxPrice": "100000.00000000",
                    "tickSize": "0.00000100"
                },
                {
                    "filterType": "LOT_SIZE",
                    "minQty": "0.00100000",
                    "maxQty": "100000.00000000",
                    "stepSize": "0.00100000"
                },
                {
                    "filterType": "NOTIONAL",
                    "minNotional": "10.00000000",
                    "applyMinToMarket": false,
                    "maxNotional": "10000.00000000",
                    "applyMaxToMarket": false,
                    "avgPriceMins": 5
                },
                {"filterType":"PERCENT_PRICE_BY_SIDE","bidMultiplierUp":"5","bidMultiplierDown":"0.2","askMultiplierUp":"5","askMultiplierDown":"0.2","avgPriceMins":5},
                {"filterType":"MARKET_LOT_SIZE","minQty":"0.00000000","maxQty":"9000.00000000","stepSize":"0.00000000"},
                {"filterType":"TRAILING_DELTA","minTrailingAboveDelta":10,"maxTrailingAboveDelta":2000},
                {"filterType":"SOME_FILTER_FROM_THE_FUTURE","x":[1,{"y":2}]}
              ]
            },
            {
              "symbol": "OLDUSDT",
              "status": "BREAK",
              "baseAsset": "OLD",
              "baseAssetPrecision": 8,
              "quoteAsset": "USDT",
              "quoteAssetPrecision": 8,
              "filters": [
                {"filterType":"PRICE_FILTER","minPrice":"0.01000000","maxPrice":"1000000.00000000","tickSize":"0.01000000"},
                {"filterType":"LOT_SIZE","minQty":"1.00000000","maxQty":"900000.00000000","stepSize":"1.00000000"},
                {"filterType":"MIN_NOTIONAL","minNotional":"5.00000000","applyToMarket":true,"avgPriceMins":5}
              ]
            },
            {
              "symbol": "币安人生USDT",
              "status": "TRADING",
              "baseAsset": "币安人生",
              "baseAssetPrecision": 8,
              "quoteAsset": "USDT",
              "quoteAssetPrecision": 6,
              "filters": [
                {"filterType":"PRICE_FILTER","minPrice":"0","maxPrice":"0","tickSize":"0.00000000"},
                {"filterType":"LOT_SIZE","minQty":"10.00000000","maxQty":"1000.00000000","stepSize":"10.00000000"}
              ]
            }
          ]
        }
        """;

    [Fact]
    public void ParsesRateLimits()
    {
        var info = BinanceExchangeInfo.Parse(Body);
        Assert.Equal(4, info.RateLimits.Count);
        Assert.Equal(new BinanceRateLimit("REQUEST_WEIGHT", "MINUTE", 1, 6000), info.RateLimits[0]);
        Assert.Equal(TimeSpan.FromMinutes(1), info.RateLimits[0].Window);
        Assert.Equal(TimeSpan.FromSeconds(10), info.RateLimits[1].Window);
        Assert.Equal(TimeSpan.FromDays(1), info.RateLimits[2].Window);
        Assert.Equal(61000, info.RateLimits[3].Limit);
    }

    [Fact]
    public void ParsesSymbols_IgnoringUnknownFilters()
    {
        var info = BinanceExchangeInfo.Parse(Utf8(Body));
        Assert.Equal(3, info.Symbols.Count);
        var bnb = info.Symbols[0];
        Assert.Equal(("BNBBTC", "TRADING", "BNB", "BTC"), (bnb.Symbol, bnb.Status, bnb.BaseAsset, bnb.QuoteAsset));
        Assert.Equal("0.00000100", bnb.TickSize);
        Assert.Equal("0.00100000", bnb.StepSize); // LOT_SIZE, not MARKET_LOT_SIZE
        Assert.Equal("0.00100000", bnb.MinQty);
        Assert.Equal("10.00000000", bnb.MinNotional);
        Assert.Equal("0.00000100", bnb.MinPrice);
        Assert.Equal("100000.00000000", bnb.MaxPrice);
        Assert.Equal("100000.00000000", bnb.MaxQty);
        Assert.True(bnb.IsTrading);

        var old = info.Symbols[1];
        Assert.False(old.IsTrading);
        Assert.Equal("5.00000000", old.MinNotional); // legacy MIN_NOTIONAL
    }

    [Theory]
    [InlineData("0.01000000", 2)]
    [InlineData("0.00000100", 6)]
    [InlineData("0.00100000", 3)]
    [InlineData("1.00000000", 0)]
    [InlineData("10.00000000", 0)]
    [InlineData("0.5", 1)]
    [InlineData("0.00000000", 0)]
    [InlineData(null, 0)]
    [InlineData("garbage", 0)]
    public void DecimalsOf_CountsUpToTheLastNonZeroDigit(string? step, int decimals) =>
        Assert.Equal(decimals, BinanceExchangeInfo.DecimalsOf(step));

    [Fact]
    public void RegistersInstrumentsWithScalesFromFilters()
    {
        var registry = new InstrumentRegistry();
        var added = BinanceExchangeInfo.Parse(Body).RegisterInstruments(registry);
        Assert.Equal(3, added.Count);

        Assert.True(registry.TryGet(Venue.Binance, "BNBBTC", out var bnb));
        Assert.Equal((6, 1L, 3, 1L), (bnb.PriceScale, bnb.TickSize, bnb.QuantityScale, bnb.StepSize));

        Assert.True(registry.TryGet(Venue.Binance, "OLDUSDT", out var old));
        Assert.Equal((2, 1L, 0, 1L), (old.PriceScale, old.TickSize, old.QuantityScale, old.StepSize));

        // Disabled tick (0) falls back to the quote asset precision with no tick rule; a step of 10 at scale 0.
        Assert.True(registry.TryGet(Venue.Binance, NonAsciiSymbol, out var cn));
        Assert.Equal((6, 0L, 0, 10L), (cn.PriceScale, cn.TickSize, cn.QuantityScale, cn.StepSize));
    }

    [Fact]
    public void FilterSelectsSymbols()
    {
        var registry = new InstrumentRegistry();
        var added = BinanceExchangeInfo.Parse(Body).RegisterInstruments(registry, s => s.IsTrading);
        Assert.Equal(2, added.Count);
        Assert.False(registry.TryGet(Venue.Binance, "OLDUSDT", out _));
    }

    [Fact]
    public void RegisteredInstruments_DriveTheStreamParser()
    {
        var registry = new InstrumentRegistry();
        BinanceExchangeInfo.Parse(Body).RegisterInstruments(registry);
        var parser = new BinanceStreamParser(registry);

        var (result, events) = Parse(parser, Trade1);
        Assert.Equal(FrameKind.Data, result.Kind);
        Assert.Equal(1000, events[0].Price);     // 0.001 at scale 6
        Assert.Equal(100_000, events[0].Quantity); // 100 at scale 3

        var (bad, _) = Parse(parser, """{"e":"trade","E":1,"s":"OLDUSDT","t":1,"p":"1.005","q":"1","T":1,"m":true}""");
        Assert.Equal(Engine.Validation.RejectReason.TickMisaligned, bad.Reason);
    }

    [Fact]
    public void EmptyOrOddBodies()
    {
        Assert.Empty(BinanceExchangeInfo.Parse("{}").Symbols);
        Assert.Empty(BinanceExchangeInfo.Parse("[]").RateLimits);
        Assert.ThrowsAny<System.Text.Json.JsonException>(() => BinanceExchangeInfo.Parse("{"));
    }
}

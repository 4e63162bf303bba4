using TBot.Adapters.Ingress;
using TBot.Adapters.Okx;
using TBot.Engine.Events;
using TBot.Engine.Instruments;
using TBot.Engine.Validation;
using static TBot.Adapters.Tests.Okx.OkxTestSupport;

namespace TBot.Adapters.Tests.Okx;

public class OkxRestParserTests
{
    private readonly InstrumentRegistry _registry = CreateRegistry();
    private readonly OkxRestParser _parser;

    public OkxRestParserTests() => _parser = new OkxRestParser(_registry);

    private Instrument Inst(string symbol) => _registry[Id(_registry, symbol)];

    private delegate ParseResult ParseFn(ReadOnlySpan<byte> body, EventBatch batch);

    private static (ParseResult Result, MarketEvent[] Events) Run(ParseFn parse, string body)
    {
        var batch = new EventBatch(2);
        batch.Add().TradeId = 42; // a foreign event that must survive rejections
        var r = parse(Utf8(body), batch);
        Assert.Equal(42, batch[0].TradeId);
        if (r.Kind == FrameKind.Rejected) Assert.Equal(1, batch.Count);
        return (r, batch.AsSpan()[1..].ToArray());
    }

    private (ParseResult, MarketEvent[]) Ticker(string body) => Run((b, batch) => _parser.ParseTicker(b, ReceiveTimeNs, batch), body);

    private (ParseResult, MarketEvent[]) Books(string body, string symbol = "BTC-USDT") =>
        Run((b, batch) => _parser.ParseBooks(b, Inst(symbol), ReceiveTimeNs, batch), body);

    private (ParseResult, MarketEvent[]) Candles(string body, string symbol = "BTC-USDT", bool includeUnconfirmed = false) =>
        Run((b, batch) => _parser.ParseCandles(b, Inst(symbol), ReceiveTimeNs, batch, includeUnconfirmed), body);

    // ---- verbatim examples ------------------------------------------------------------------------------------

    [Fact]
    public void Ticker_Example_IsTickerForInstIdFromTheBody()
    {
        var (r, ev) = Ticker(OkxFixtures.RestTicker);
        Assert.Equal(FrameKind.Data, r.Kind);
        var e = Assert.Single(ev);
        Assert.Equal(MarketEventKind.Ticker, e.Kind);
        Assert.Equal(Venue.Okx, e.Venue);
        Assert.Equal(Id(_registry, "BTC-USD-SWAP"), e.InstrumentId);
        Assert.Equal(EventFlags.FromRest, e.Flags);
        Assert.Equal((999999L, 1L), (e.Price, e.Quantity));
        Assert.Equal((888888L, 5L, 999999L, 11L), (e.Bid, e.BidSize, e.Ask, e.AskSize));
        Assert.Equal(2222, e.Volume);
        Assert.Equal(Ns(1597026383085), e.ExchangeTimeNs);
        Assert.Equal(ReceiveTimeNs, e.ReceiveTimeNs);
    }

    [Fact]
    public void Books_DocsExample_WithSeqId()
    {
        var (r, ev) = Books(OkxFixtures.RestBooksDocs);
        Assert.Equal(FrameKind.Data, r.Kind);
        Assert.Equal(2, ev.Length);
        Assert.All(ev, e =>
        {
            Assert.Equal(MarketEventKind.BookSnapshotLevel, e.Kind);
            Assert.Equal(3235851742, e.UpdateId);
            Assert.Equal(Ns(1629966436396), e.ExchangeTimeNs);
            Assert.True(e.Has(EventFlags.FromRest));
        });
        Assert.Equal((Side.Sell, 4100680L, 60038921L, (byte)1, (byte)8), (ev[0].Side, ev[0].Price, ev[0].Quantity, ev[0].PriceDecimals, ev[0].QuantityDecimals));
        Assert.Equal((Side.Buy, 4100630L, 30178218L), (ev[1].Side, ev[1].Price, ev[1].Quantity));
        Assert.Equal(EventFlags.FromRest | EventFlags.FirstInMessage, ev[0].Flags);
        Assert.Equal(EventFlags.FromRest | EventFlags.LastInMessage, ev[1].Flags);
    }

    [Fact]
    public void Books_FixtureExample_WithoutSeqId()
    {
        var (r, ev) = Books(OkxFixtures.RestBooksFixture);
        Assert.Equal(FrameKind.Data, r.Kind);
        Assert.Equal(6, ev.Length);
        Assert.All(ev, e => Assert.Equal(0, e.UpdateId));
        Assert.Equal((4100700L, (byte)1), (ev[2].Price, ev[2].PriceDecimals)); // "41007.0"
        Assert.Equal(205842530L, ev[2].Quantity); // "2.05842530": trailing zero kept in the decimals
        Assert.Equal(8, ev[2].QuantityDecimals);
        Assert.Equal(Side.Buy, ev[3].Side);
        Assert.Equal(Ns(1704067200000), ev[0].ExchangeTimeNs);
    }

    [Fact]
    public void Candles_DocsExample_ConfirmedCandles_Chronological()
    {
        var (r, ev) = Candles(OkxFixtures.RestCandlesDocs, "DOT-USDT");
        Assert.Equal(FrameKind.Data, r.Kind);
        Assert.Equal(2, ev.Length);
        Assert.All(ev, e =>
        {
            Assert.Equal(MarketEventKind.Candle, e.Kind);
            Assert.Equal(1597026383085, e.FirstUpdateId);
            Assert.Equal(Ns(1597026383085), e.ExchangeTimeNs);
            Assert.Equal(EventFlags.FromRest, e.Flags);
        });
        // Equal open times: the stable sort keeps the (flipped) order; both rows are present.
        var first = ev.Single(e => e.Open == 3721);
        Assert.Equal((3743L, 3677L, 3708L, 8422410L), (first.High, first.Low, first.Price, first.Volume));
        var second = ev.Single(e => e.Open == 3731);
        Assert.Equal((3799L, 3494L, 3720L, (byte)2, 24912403L), (second.High, second.Low, second.Price, second.PriceDecimals, second.Volume));
    }

    [Fact]
    public void Candles_FixtureExample_UnconfirmedAreSkippedByDefault()
    {
        var (r, ev) = Candles(OkxFixtures.RestCandlesFixture);
        Assert.Equal(FrameKind.Data, r.Kind);
        Assert.Empty(ev);
    }

    [Fact]
    public void Candles_FixtureExample_IncludeUnconfirmed()
    {
        var (r, ev) = Candles(OkxFixtures.RestCandlesFixture, includeUnconfirmed: true);
        Assert.Equal(FrameKind.Data, r.Kind);
        Assert.Equal(2, ev.Length);
        Assert.Equal(1625097600000, ev[0].FirstUpdateId);
        Assert.Equal(1625097660000, ev[1].FirstUpdateId);
        Assert.Equal((3352860L, 3387000L, 3352860L, 3378390L, 77883800000L), (ev[0].Open, ev[0].High, ev[0].Low, ev[0].Price, ev[0].Volume));
        Assert.Equal(12300000L, ev[1].Volume);
    }

    [Fact]
    public void Candles_NewestFirst_AreReturnedOldestFirst()
    {
        const string body = """{"code":"0","msg":"","data":[["1625097720000","3","3","3","3","1","0","0","1"],["1625097660000","2","2","2","2","1","0","0","1"],["1625097600000","1","1","1","1","1","0","0","1"]]}""";
        var (r, ev) = Candles(body);
        Assert.Equal(FrameKind.Data, r.Kind);
        Assert.Equal([1625097600000L, 1625097660000L, 1625097720000L], ev.Select(e => e.FirstUpdateId));
        Assert.Equal([100L, 200L, 300L], ev.Select(e => e.Price));
    }

    [Fact]
    public void Candles_OlderShorterRows_AreAccepted()
    {
        // the old docs' 7-element row, and a 6-element row (no volCcy): no confirm → closed
        var (r, ev) = Candles("""{"code":"0","msg":"","data":[["1597026383085","3.721","3.743","3.677","3.708","8422410","22698348.04828491"],["1597026323085","3.7","3.7","3.7","3.7","1"]]}""", "DOT-USDT");
        Assert.Equal(FrameKind.Data, r.Kind);
        Assert.Equal(2, ev.Length);
        Assert.Equal(1597026323085, ev[0].FirstUpdateId);
        Assert.Equal(3708, ev[1].Price);
    }

    [Fact]
    public void Candles_ExtraTrailingElements_AreIgnored()
    {
        var (r, ev) = Candles("""{"code":"0","msg":"","data":[["1597026383085","3.721","3.743","3.677","3.708","8422410","1","1","1","future",["x"]]]}""", "DOT-USDT");
        Assert.Equal(FrameKind.Data, r.Kind);
        Assert.Single(ev);
    }

    [Fact]
    public void Candles_EmptyData_IsAValidEmptyResult()
    {
        var (r, ev) = Candles("""{"code":"0","msg":"","data":[]}""");
        Assert.Equal(ParseResult.Data(), r);
        Assert.Empty(ev);
    }

    [Theory]
    [InlineData(OkxFixtures.RestErrorRateLimit, 50011)]
    [InlineData(OkxFixtures.RestErrorUnknownInstrument, 51001)]
    [InlineData("""{"code":"50013","msg":"System busy","data":[]}""", 50013)]
    [InlineData("""{"code":50026,"msg":"System error","data":[]}""", 50026)]
    [InlineData("""{"data":{},"msg":"weird","code":"50001"}""", 50001)]
    public void ErrorEnvelopes_AreVenueErrors_ForEveryEndpoint(string body, int code)
    {
        var expected = new ParseResult(FrameKind.Rejected, RejectReason.VenueError, ControlKind.Error, ParseResult.NoSequence);
        Assert.Equal(expected, Ticker(body).Item1);
        Assert.Equal(code, _parser.LastVenueCode);
        Assert.Equal(expected, Books(body).Item1);
        Assert.Equal(expected, Candles(body).Item1);
        Assert.Equal(code, _parser.LastVenueCode);
    }

    [Fact]
    public void LastVenueCode_ResetsOnSuccess()
    {
        Ticker(OkxFixtures.RestErrorRateLimit);
        Assert.Equal(OkxRateLimits.RateLimitedCode, _parser.LastVenueCode);
        Ticker(OkxFixtures.RestTicker);
        Assert.Equal(0, _parser.LastVenueCode);
    }

    // ---- bad inputs -------------------------------------------------------------------------------------------

    [Fact]
    public void Ticker_EmptyData_UnknownInstId_IsUnknownInstrument()
    {
        Assert.Equal(RejectReason.UnknownInstrument, Ticker("""{"code":"0","msg":"","data":[]}""").Item1.Reason);
        Assert.Equal(RejectReason.UnknownInstrument, Ticker(OkxFixtures.RestTicker.Replace("BTC-USD-SWAP", "XRP-USD-SWAP")).Item1.Reason);
    }

    [Fact]
    public void Tickers_AllInstruments_UnknownOnesAreSkipped()
    {
        const string body = """{"code":"0","msg":"","data":[{"instId":"XRP-USDT","last":"0.5","lastSz":"1","askPx":"0.5","askSz":"1","bidPx":"0.4","bidSz":"1","vol24h":"1","ts":"1"},{"instId":"BTC-USDT","last":"1.5","lastSz":"","askPx":"","askSz":"","bidPx":"","bidSz":"","vol24h":"","ts":"1597026383085"}]}""";
        var (r, ev) = Ticker(body);
        Assert.Equal(FrameKind.Data, r.Kind);
        var e = Assert.Single(ev);
        Assert.Equal(Id(_registry, "BTC-USDT"), e.InstrumentId);
        Assert.Equal((150L, 0L, 0L, 0L), (e.Price, e.Quantity, e.Bid, e.Ask));
    }

    [Fact]
    public void Ticker_ReorderedKeys_InstIdLast_EnvelopeCodeLast()
    {
        const string body = """{"data":[{"ts":"1597026383085","sodUtc8":"0.1","vol24h":"2222","bidSz":"5","bidPx":"8888.88","askSz":"11","askPx":"9999.99","lastSz":"1","last":"9999.99","instType":"SWAP","instId":"BTC-USD-SWAP"}],"msg":"","code":"0"}""";
        var (_, expected) = Ticker(OkxFixtures.RestTicker);
        var (r, ev) = Ticker(body);
        Assert.Equal(FrameKind.Data, r.Kind);
        Assert.Equal(expected, ev);
    }

    [Fact]
    public void Books_ReorderedKeys_SameEvents()
    {
        const string body = """{"data":[{"seqId":3235851742,"ts":"1629966436396","bids":[["41006.3","0.30178218","0","2"]],"asks":[["41006.8","0.60038921","0","1"]]}],"msg":"","code":"0"}""";
        var (_, expected) = Books(OkxFixtures.RestBooksDocs);
        var (r, ev) = Books(body);
        Assert.Equal(FrameKind.Data, r.Kind);
        Assert.Equal(expected.OrderBy(e => e.Side).Select(e => (e.Side, e.Price, e.Quantity, e.UpdateId)), ev.OrderBy(e => e.Side).Select(e => (e.Side, e.Price, e.Quantity, e.UpdateId)));
    }

    [Fact]
    public void Books_EmptyData_IsUnknownInstrument()
    {
        Assert.Equal(RejectReason.UnknownInstrument, Books("""{"code":"0","msg":"","data":[]}""").Item1.Reason);
    }

    [Theory]
    [InlineData("""{"msg":"","data":[]}""", RejectReason.MissingField)]
    [InlineData("""{"code":"0","msg":""}""", RejectReason.MissingField)]
    [InlineData("""{"code":null,"data":[]}""", RejectReason.WrongType)]
    [InlineData("""{"code":"0","data":{}}""", RejectReason.WrongType)]
    [InlineData("""{"code":"0","data":[{"asks":[],"bids":[]}]}""", RejectReason.MissingField)]
    [InlineData("""{"code":"0","data":[{"asks":[["41006.8"]],"bids":[],"ts":"1"}]}""", RejectReason.MissingField)]
    [InlineData("""{"code":"0","data":[{"asks":[["41006.8",0.6,"0","1"]],"bids":[],"ts":"1"}]}""", RejectReason.WrongType)]
    [InlineData("""{"code":"0","data":[{"asks":[],"bids":[],"ts":"1","seqId":"5"}]}""", RejectReason.WrongType)]
    [InlineData("""{"code":"0","data":[{"asks":[["41006.811","1","0","1"]],"bids":[],"ts":"1"}]}""", RejectReason.TickMisaligned)]
    [InlineData("""{"code":"0","data":[{"asks":[["41006.8","1.000000001","0","1"]],"bids":[],"ts":"1"}]}""", RejectReason.StepMisaligned)]
    [InlineData("""{"code":"0","data":[["x"]]}""", RejectReason.WrongType)]
    [InlineData("""[]""", RejectReason.UnknownMessage)]
    [InlineData("", RejectReason.MalformedJson)]
    [InlineData("<html>503 Service Temporarily Unavailable</html>", RejectReason.MalformedJson)]
    [InlineData("""{"code":"0","data":[{"asks":[],"bids":[],"ts":"1"}""", RejectReason.MalformedJson)]
    public void Books_BadBodies(string body, RejectReason reason)
    {
        Assert.Equal(reason, Books(body).Item1.Reason);
    }

    [Theory]
    [InlineData("""{"code":"0","data":[["1597026383085","3.721","3.743","3.677","3.708"]]}""", RejectReason.MissingField)]
    [InlineData("""{"code":"0","data":[["1597026383085","3.721","3.743","3.677","3.708",8422410,"1","1","1"]]}""", RejectReason.WrongType)]
    [InlineData("""{"code":"0","data":[{"ts":"1597026383085"}]}""", RejectReason.WrongType)]
    [InlineData("""{"code":"0","data":[["1597026383085","3.721","3.743","3.677","3.708","8422410","1","1","2"]]}""", RejectReason.BadNumber)]
    [InlineData("""{"code":"0","data":[["","3.721","3.743","3.677","3.708","8422410","1","1","1"]]}""", RejectReason.BadNumber)]
    [InlineData("""{"code":"0","data":[["1597026383085","","3.743","3.677","3.708","8422410","1","1","1"]]}""", RejectReason.BadNumber)]
    [InlineData("""{"code":"0","data":[["1597026383085","3.7215","3.743","3.677","3.708","8422410","1","1","1"]]}""", RejectReason.TickMisaligned)]
    [InlineData("""{"code":"0","data":[["1597026383085","3.721","3.743","3.677","3.708","8422410.5","1","1","1"]]}""", RejectReason.StepMisaligned)]
    [InlineData("""{"code":"0","data":[["1597026383085","3.721","3.743","3.677","3.708","8422410","1","1","1"]""", RejectReason.MalformedJson)]
    public void Candles_BadBodies(string body, RejectReason reason)
    {
        Assert.Equal(reason, Candles(body, "DOT-USDT").Item1.Reason);
    }

    [Fact]
    public void Candles_BadRowAfterGoodRows_RemovesEverything()
    {
        var (r, ev) = Candles("""{"code":"0","data":[["1597026383085","3.721","3.743","3.677","3.708","8422410","1","1","1"],["1597026323085","x","3.743","3.677","3.708","8422410","1","1","1"]]}""", "DOT-USDT");
        Assert.Equal(RejectReason.BadNumber, r.Reason);
        Assert.Empty(ev);
    }

    [Theory]
    [InlineData("""{"code":"0","data":[{"instId":"BTC-USDT","last":"1","askPx":"1","askSz":"1","bidPx":"1","bidSz":"1"}]}""", RejectReason.MissingField)]
    [InlineData("""{"code":"0","data":[{"last":"1","askPx":"1","askSz":"1","bidPx":"1","bidSz":"1","ts":"1"}]}""", RejectReason.MissingField)]
    [InlineData("""{"code":"0","data":[{"instId":"BTC-USDT","last":1,"askPx":"1","askSz":"1","bidPx":"1","bidSz":"1","ts":"1"}]}""", RejectReason.WrongType)]
    [InlineData("""{"code":"0","data":[{"instId":"BTC-USDT","last":"1","askPx":"1","askSz":"1","bidPx":"1","bidSz":"1","ts":"yesterday"}]}""", RejectReason.BadNumber)]
    [InlineData("""{"code":"0","data":["BTC-USDT"]}""", RejectReason.WrongType)]
    [InlineData("""{"code":"0","data":[{"instId":"BTC-USDT",""", RejectReason.MalformedJson)]
    public void Ticker_BadBodies(string body, RejectReason reason)
    {
        Assert.Equal(reason, Ticker(body).Item1.Reason);
    }

    [Fact]
    public void EveryTruncation_OfEveryRestExample_IsMalformed()
    {
        foreach (var body in new[] { OkxFixtures.RestTicker, OkxFixtures.RestBooksDocs, OkxFixtures.RestBooksFixture, OkxFixtures.RestCandlesDocs, OkxFixtures.RestCandlesFixture, OkxFixtures.RestErrorRateLimit })
        {
            var bytes = Utf8(body.TrimEnd());
            for (var n = 0; n < bytes.Length; n++)
            {
                var batch = new EventBatch(2);
                var prefix = bytes.AsSpan(0, n);
                Assert.Equal(RejectReason.MalformedJson, _parser.ParseTicker(prefix, 0, batch).Reason);
                Assert.Equal(RejectReason.MalformedJson, _parser.ParseBooks(prefix, Inst("BTC-USDT"), 0, batch).Reason);
                Assert.Equal(RejectReason.MalformedJson, _parser.ParseCandles(prefix, Inst("DOT-USDT"), 0, batch, includeUnconfirmed: true).Reason);
                Assert.Equal(0, batch.Count);
            }
        }
    }
}

using TBot.Adapters.Ingress;
using TBot.Adapters.Okx;
using TBot.Engine.Events;
using TBot.Engine.Instruments;
using TBot.Engine.Validation;
using static TBot.Adapters.Tests.Okx.OkxTestSupport;

namespace TBot.Adapters.Tests.Okx;

public class OkxWsParserTests
{
    private readonly InstrumentRegistry _registry = CreateRegistry();
    private readonly OkxWsParser _parser;

    public OkxWsParserTests() => _parser = new OkxWsParser(_registry, connectionId: 7);

    private int BtcUsdt => Id(_registry, "BTC-USDT");

    // ---- verbatim doc examples -------------------------------------------------------------------------------

    [Fact]
    public void BooksSnapshot_Example_EmitsOneSnapshotLevelPerLevel()
    {
        var (r, ev) = Parse(_parser, OkxFixtures.WsBooksSnapshot);
        Assert.Equal(FrameKind.Data, r.Kind);
        Assert.Equal(16, ev.Length);
        Assert.All(ev, e =>
        {
            Assert.Equal(MarketEventKind.BookSnapshotLevel, e.Kind);
            Assert.Equal(Venue.Okx, e.Venue);
            Assert.Equal(BtcUsdt, e.InstrumentId);
            Assert.Equal((ushort)7, e.ConnectionId);
            Assert.Equal(-1, e.FirstUpdateId);
            Assert.Equal(123456, e.UpdateId);
            Assert.Equal(-855196043, e.Checksum);
            Assert.Equal(Ns(1597026383085), e.ExchangeTimeNs);
            Assert.Equal(ReceiveTimeNs, e.ReceiveTimeNs);
        });
        // asks come first on the wire
        Assert.Equal(Side.Sell, ev[0].Side);
        Assert.Equal(847698, ev[0].Price);
        Assert.Equal(2, ev[0].PriceDecimals);
        Assert.Equal(415_00000000, ev[0].Quantity);
        Assert.Equal(0, ev[0].QuantityDecimals);
        // "8477": no decimals written, kept so the checksum text can be reproduced
        Assert.Equal(847700, ev[1].Price);
        Assert.Equal(0, ev[1].PriceDecimals);
        Assert.Equal(Side.Buy, ev[8].Side);
        Assert.Equal(847697, ev[8].Price);
        Assert.Equal(844600, ev[15].Price);
        Assert.Equal(95_00000000, ev[15].Quantity);
        Assert.Equal(EventFlags.FirstInMessage, ev[0].Flags);
        Assert.Equal(EventFlags.LastInMessage, ev[15].Flags);
        for (var i = 1; i < 15; i++) Assert.Equal(EventFlags.None, ev[i].Flags);
    }

    [Fact]
    public void BooksUpdate_Example_EmitsDeltasWithSequenceAndChecksum()
    {
        var (r, ev) = Parse(_parser, OkxFixtures.WsBooksUpdate);
        Assert.Equal(FrameKind.Data, r.Kind);
        Assert.Equal(2, ev.Length);
        Assert.All(ev, e =>
        {
            Assert.Equal(MarketEventKind.BookDelta, e.Kind);
            Assert.Equal(Side.Sell, e.Side);
            Assert.Equal(123456, e.FirstUpdateId);
            Assert.Equal(123470, e.UpdateId);
            Assert.Equal(1234567890, e.Checksum);
            Assert.Equal(Ns(1597026383185), e.ExchangeTimeNs);
        });
        Assert.Equal(847698, ev[0].Price);
        Assert.Equal(0, ev[0].Quantity); // size "0" = delete
        Assert.Equal(847710, ev[1].Price);
        Assert.Equal(1, ev[1].PriceDecimals);
        Assert.Equal(12_00000000, ev[1].Quantity);
        Assert.Equal(EventFlags.FirstInMessage, ev[0].Flags);
        Assert.Equal(EventFlags.LastInMessage, ev[1].Flags);
    }

    [Fact]
    public void BooksUpdate_FixtureShape_SameLevelsAsSnapshot()
    {
        // ws_books_update.json: the snapshot's levels with "action":"update", prevSeqId 123456, seqId 123457.
        var json = OkxFixtures.WsBooksSnapshot.Replace("\"snapshot\"", "\"update\"")
            .Replace("\"prevSeqId\": -1", "\"prevSeqId\": 123456").Replace("\"seqId\": 123456", "\"seqId\": 123457");
        var (r, ev) = Parse(_parser, json);
        Assert.Equal(FrameKind.Data, r.Kind);
        Assert.Equal(16, ev.Length);
        Assert.All(ev, e => Assert.Equal(MarketEventKind.BookDelta, e.Kind));
        Assert.All(ev, e => Assert.Equal((123456L, 123457L), (e.FirstUpdateId, e.UpdateId)));
    }

    [Fact]
    public void Books5_Example_IsAFullSnapshotWithSeqId()
    {
        var (r, ev) = Parse(_parser, OkxFixtures.WsBooks5);
        Assert.Equal(FrameKind.Data, r.Kind);
        Assert.Equal(10, ev.Length);
        var id = Id(_registry, "BCH-USDT-SWAP");
        Assert.All(ev, e =>
        {
            Assert.Equal(MarketEventKind.BookSnapshotLevel, e.Kind);
            Assert.Equal(id, e.InstrumentId);
            Assert.Equal(363996337, e.UpdateId);
            Assert.Equal(0, e.FirstUpdateId);
            Assert.Equal(0, e.Checksum);
            Assert.Equal(Ns(1670324386802), e.ExchangeTimeNs);
        });
        Assert.Equal((Side.Sell, 11106L, 55154L), (ev[0].Side, ev[0].Price, ev[0].Quantity));
        Assert.Equal((Side.Sell, 11110L, (byte)1), (ev[4].Side, ev[4].Price, ev[4].PriceDecimals));
        Assert.Equal((Side.Buy, 11105L, 57745L), (ev[5].Side, ev[5].Price, ev[5].Quantity));
        Assert.True(ev[0].Has(EventFlags.FirstInMessage));
        Assert.True(ev[9].Has(EventFlags.LastInMessage));
    }

    [Fact]
    public void BboTbt_Example_IsAQuote()
    {
        var (r, ev) = Parse(_parser, OkxFixtures.WsBboTbt);
        Assert.Equal(FrameKind.Data, r.Kind);
        var e = Assert.Single(ev);
        Assert.Equal(MarketEventKind.Quote, e.Kind);
        Assert.Equal(BtcUsdt, e.InstrumentId);
        Assert.Equal(847697, e.Bid);
        Assert.Equal(256_00000000, e.BidSize);
        Assert.Equal(847698, e.Ask);
        Assert.Equal(415_00000000, e.AskSize);
        Assert.Equal(123456, e.UpdateId);
        Assert.Equal(Ns(1597026383085), e.ExchangeTimeNs);
    }

    [Theory]
    [InlineData(nameof(OkxFixtures.WsTickersFixture), 10_000_000L, (byte)1)]
    [InlineData(nameof(OkxFixtures.WsTickersDocs), 1_00000000L, (byte)0)]
    public void Tickers_Examples_AreTickers(string fixture, long lastSize, byte lastSizeDecimals)
    {
        var json = (string)typeof(OkxFixtures).GetField(fixture)!.GetValue(null)!;
        var (r, ev) = Parse(_parser, json);
        Assert.Equal(FrameKind.Data, r.Kind);
        var e = Assert.Single(ev);
        Assert.Equal(MarketEventKind.Ticker, e.Kind);
        Assert.Equal(BtcUsdt, e.InstrumentId);
        Assert.Equal(999999, e.Price);
        Assert.Equal(2, e.PriceDecimals);
        Assert.Equal(lastSize, e.Quantity);
        Assert.Equal(lastSizeDecimals, e.QuantityDecimals);
        Assert.Equal(999999, e.Ask);
        Assert.Equal(11_00000000, e.AskSize);
        Assert.Equal(888888, e.Bid);
        Assert.Equal(5_00000000, e.BidSize);
        Assert.Equal(2222_00000000, e.Volume);
        Assert.Equal(Ns(1597026383085), e.ExchangeTimeNs);
        Assert.Equal(EventFlags.None, e.Flags);
    }

    [Fact]
    public void Trades_Example_IsATakerBuy()
    {
        var (r, ev) = Parse(_parser, OkxFixtures.WsTrades);
        Assert.Equal(FrameKind.Data, r.Kind);
        var e = Assert.Single(ev);
        Assert.Equal(MarketEventKind.Trade, e.Kind);
        Assert.Equal(BtcUsdt, e.InstrumentId);
        Assert.Equal(130639474, e.TradeId);
        Assert.Equal(4221990, e.Price);
        Assert.Equal(12060306, e.Quantity);
        Assert.Equal(8, e.QuantityDecimals);
        Assert.Equal(Side.Buy, e.Side);
        Assert.False(e.Has(EventFlags.BuyerIsMaker));
        Assert.Equal(Ns(1630048897897), e.ExchangeTimeNs);
    }

    [Fact]
    public void SubscribeAck_Example_IsSubscriptionAck()
    {
        var (r, ev) = Parse(_parser, OkxFixtures.WsSubscribeAck);
        Assert.Equal(ParseResult.ControlFrame(ControlKind.SubscriptionAck), r);
        Assert.Empty(ev);
        var (u, _) = Parse(_parser, OkxFixtures.WsSubscribeAck.Replace("\"subscribe\"", "\"unsubscribe\""));
        Assert.Equal(ControlKind.SubscriptionAck, u.Control);
    }

    [Fact]
    public void Error_Example_IsVenueErrorWithCode()
    {
        var r = ParseRejected(_parser, OkxFixtures.WsError);
        Assert.Equal(new ParseResult(FrameKind.Rejected, RejectReason.VenueError, ControlKind.Error, ParseResult.NoSequence), r);
        Assert.Equal(60012, _parser.LastVenueCode);
    }

    [Fact]
    public void Error_WithNumericCode_IsVenueError()
    {
        var r = ParseRejected(_parser, """{"event":"error","code":60018,"msg":"channel doesn't exist"}""");
        Assert.Equal((RejectReason.VenueError, ControlKind.Error), (r.Reason, r.Control));
        Assert.Equal(60018, _parser.LastVenueCode);
    }

    [Fact]
    public void Notice_Example_64008_IsServerShutdown()
    {
        var (r, ev) = Parse(_parser, OkxFixtures.WsNotice);
        Assert.Equal(ParseResult.ControlFrame(ControlKind.ServerShutdown), r);
        Assert.Empty(ev);
        Assert.Equal(64008, _parser.LastVenueCode);
    }

    [Fact]
    public void Notice_OtherCode_IsInfo()
    {
        var (r, _) = Parse(_parser, """{"event":"notice","code":"64009","msg":"something else","connId":"a4d3ae55"}""");
        Assert.Equal(ParseResult.ControlFrame(ControlKind.Info), r);
    }

    [Theory]
    [InlineData("""{"event":"login","code":"0","msg":"","connId":"a4d3ae55"}""")]
    [InlineData("""{"event":"channel-conn-count","channel":"books","connCount":"2","connId":"abcd1234"}""")]
    public void LoginAndConnectionCount_AreInfo(string json)
    {
        var (r, ev) = Parse(_parser, json);
        Assert.Equal(ParseResult.ControlFrame(ControlKind.Info), r);
        Assert.Empty(ev);
    }

    [Fact]
    public void SubscribeRequest_Example_OurOwnOutgoingFrame_IsUnknown()
    {
        Assert.Equal(RejectReason.UnknownMessage, ParseRejected(_parser, OkxFixtures.WsSubscribeRequest).Reason);
    }

    // ---- pong / event edge cases -----------------------------------------------------------------------------

    [Theory]
    [InlineData("pong")]
    [InlineData("pong\n")]
    [InlineData(" pong ")]
    public void PongText_IsPongControl(string text)
    {
        var (r, ev) = Parse(_parser, text);
        Assert.Equal(ParseResult.ControlFrame(ControlKind.Pong), r);
        Assert.Empty(ev);
    }

    [Theory]
    [InlineData("ping")]
    [InlineData("PONG")]
    [InlineData("pongg")]
    [InlineData("pon")]
    [InlineData("")]
    [InlineData("not json")]
    public void OtherText_IsMalformed(string text)
    {
        Assert.Equal(RejectReason.MalformedJson, ParseRejected(_parser, text).Reason);
    }

    [Fact]
    public void QuotedPong_IsNotAJsonObject()
    {
        Assert.Equal(RejectReason.UnknownMessage, ParseRejected(_parser, "\"pong\"").Reason);
    }

    [Theory]
    [InlineData("""{"event":"mystery","connId":"x"}""", RejectReason.UnknownMessage)]
    [InlineData("""{}""", RejectReason.UnknownMessage)]
    [InlineData("""[]""", RejectReason.UnknownMessage)]
    [InlineData("""{"connId":"x"}""", RejectReason.UnknownMessage)]
    [InlineData("""{"event":1}""", RejectReason.WrongType)]
    public void UnknownOrOddFrames(string json, RejectReason reason)
    {
        Assert.Equal(reason, ParseRejected(_parser, json).Reason);
    }

    // ---- key order -------------------------------------------------------------------------------------------

    [Fact]
    public void BooksSnapshot_ReorderedKeys_SameEvents()
    {
        const string reordered = """
            {"data":[{"seqId":123456,"prevSeqId":-1,"checksum":-855196043,"ts":"1597026383085",
              "bids":[["8476.97","256","0","12"],["8475.55","101","0","1"],["8475.54","100","0","1"],["8475.3","1","0","1"],["8447.32","6","0","1"],["8447.02","246","0","1"],["8446.83","24","0","1"],["8446","95","0","3"]],
              "asks":[["8476.98","415","0","13"],["8477","7","0","2"],["8477.34","85","0","1"],["8477.56","1","0","1"],["8505.84","8","0","1"],["8506.37","85","0","1"],["8506.49","2","0","1"],["8506.96","100","0","2"]]}],
             "action":"snapshot","arg":{"instId":"BTC-USDT","channel":"books"}}
            """;
        var (_, expected) = Parse(_parser, OkxFixtures.WsBooksSnapshot);
        var (r, ev) = Parse(_parser, reordered);
        Assert.Equal(FrameKind.Data, r.Kind);
        // Bids come first on the wire here; compare per side, and the message-wide fields everywhere.
        Assert.Equal(expected.Where(e => e.Side == Side.Buy).Select(Level), ev.Where(e => e.Side == Side.Buy).Select(Level));
        Assert.Equal(expected.Where(e => e.Side == Side.Sell).Select(Level), ev.Where(e => e.Side == Side.Sell).Select(Level));
        Assert.All(ev, e => Assert.Equal((-1L, 123456L, -855196043, Ns(1597026383085)), (e.FirstUpdateId, e.UpdateId, e.Checksum, e.ExchangeTimeNs)));
        Assert.True(ev[0].Has(EventFlags.FirstInMessage));
        Assert.True(ev[^1].Has(EventFlags.LastInMessage));
    }

    private static (MarketEventKind, Side, long, long, byte, byte) Level(MarketEvent e) =>
        (e.Kind, e.Side, e.Price, e.Quantity, e.PriceDecimals, e.QuantityDecimals);

    [Theory]
    [InlineData("""{"data":[{"instId":"BTC-USDT","tradeId":"130639474","px":"42219.9","sz":"0.12060306","side":"buy","ts":"1630048897897","count":"3"}],"arg":{"channel":"trades","instId":"BTC-USDT"}}""")]
    [InlineData("""{"arg":{"instId":"BTC-USDT","channel":"trades"},"data":[{"ts":"1630048897897","side":"buy","sz":"0.12060306","px":"42219.9","tradeId":"130639474"}]}""")]
    public void Trades_ReorderedKeys_SameEvent(string json)
    {
        var (_, expected) = Parse(_parser, OkxFixtures.WsTrades);
        var (r, ev) = Parse(_parser, json);
        Assert.Equal(FrameKind.Data, r.Kind);
        Assert.Equal(expected, ev);
    }

    [Fact]
    public void Tickers_ReorderedKeys_SameEvent()
    {
        const string json = """{"data":[{"ts":"1597026383085","vol24h":"2222","bidSz":"5","bidPx":"8888.88","askSz":"11","askPx":"9999.99","lastSz":"1","last":"9999.99","instId":"BTC-USDT"}],"arg":{"instId":"BTC-USDT","channel":"tickers"}}""";
        var (_, expected) = Parse(_parser, OkxFixtures.WsTickersDocs);
        var (r, ev) = Parse(_parser, json);
        Assert.Equal(FrameKind.Data, r.Kind);
        Assert.Equal(expected, ev);
    }

    [Fact]
    public void Books5AndBbo_ReorderedKeys_SameEvents()
    {
        const string books5 = """{"data":[{"seqId":363996337,"ts":"1670324386802","instId":"BCH-USDT-SWAP","bids":[["111.05","57745","0","2"],["111.04","57109","0","2"],["111.03","69563","0","2"],["111.02","71248","0","2"],["111.01","65090","0","2"]],"asks":[["111.06","55154","0","2"],["111.07","53276","0","2"],["111.08","72435","0","2"],["111.09","70312","0","2"],["111.1","67272","0","2"]]}],"arg":{"instId":"BCH-USDT-SWAP","channel":"books5"}}""";
        var (_, e5) = Parse(_parser, OkxFixtures.WsBooks5);
        var (_, r5) = Parse(_parser, books5);
        Assert.Equal(e5.Select(Level).OrderBy(x => x), r5.Select(Level).OrderBy(x => x));
        Assert.All(r5, e => Assert.Equal(363996337, e.UpdateId));

        const string bbo = """{"data":[{"seqId":123456,"ts":"1597026383085","bids":[["8476.97","256","0","12"]],"asks":[["8476.98","415","0","13"]]}],"arg":{"instId":"BTC-USDT","channel":"bbo-tbt"}}""";
        var (_, eb) = Parse(_parser, OkxFixtures.WsBboTbt);
        var (_, rb) = Parse(_parser, bbo);
        Assert.Equal(eb, rb);
    }

    // ---- book sequencing shapes (§4.4, §5) -------------------------------------------------------------------

    [Fact]
    public void KeepAliveUpdate_EmptySides_EmitsOneLevelLessEvent()
    {
        var (r, ev) = Parse(_parser, """{"arg":{"channel":"books","instId":"BTC-USDT"},"action":"update","data":[{"asks":[],"bids":[],"ts":"1597026383185","checksum":-855196043,"prevSeqId":123470,"seqId":123470}]}""");
        Assert.Equal(FrameKind.Data, r.Kind);
        var e = Assert.Single(ev);
        Assert.Equal(MarketEventKind.BookDelta, e.Kind);
        Assert.Equal(Side.None, e.Side);
        Assert.Equal(0, e.Quantity);
        Assert.Equal(EventFlags.FirstInMessage | EventFlags.LastInMessage, e.Flags);
        Assert.Equal((123470L, 123470L, -855196043), (e.FirstUpdateId, e.UpdateId, e.Checksum));
    }

    [Fact]
    public void EmptySnapshot_EmitsOneLevelLessSnapshotEvent()
    {
        var (r, ev) = Parse(_parser, """{"arg":{"channel":"books","instId":"BTC-USDT"},"action":"snapshot","data":[{"asks":[],"bids":[],"ts":"1597026383185","checksum":0,"prevSeqId":-1,"seqId":5}]}""");
        Assert.Equal(FrameKind.Data, r.Kind);
        var e = Assert.Single(ev);
        Assert.Equal((MarketEventKind.BookSnapshotLevel, Side.None), (e.Kind, e.Side));
        Assert.Equal(EventFlags.FirstInMessage | EventFlags.LastInMessage, e.Flags);
        Assert.Equal((-1L, 5L), (e.FirstUpdateId, e.UpdateId));
    }

    [Fact]
    public void Snapshot_WithoutPrevSeqId_GetsMinusOne()
    {
        var (r, ev) = Parse(_parser, """{"arg":{"channel":"books","instId":"BTC-USDT"},"action":"snapshot","data":[{"asks":[["8476.98","415","0","13"]],"bids":[],"ts":"1","checksum":0,"seqId":7}]}""");
        Assert.Equal(FrameKind.Data, r.Kind);
        Assert.Equal((-1L, 7L), (ev[0].FirstUpdateId, ev[0].UpdateId));
        Assert.Equal(RejectReason.MissingField, ParseRejected(_parser, """{"arg":{"channel":"books","instId":"BTC-USDT"},"action":"snapshot","data":[{"asks":[],"bids":[],"ts":"1","checksum":0,"prevSeqId":-1}]}""").Reason);
    }

    [Fact]
    public void OneSidedUpdate_IsAccepted()
    {
        var (r, ev) = Parse(_parser, """{"arg":{"channel":"books","instId":"BTC-USDT"},"action":"update","data":[{"asks":[],"bids":[["8476.97","0","0","0"]],"ts":"1597026383185","checksum":0,"prevSeqId":1,"seqId":2}]}""");
        Assert.Equal(FrameKind.Data, r.Kind);
        var e = Assert.Single(ev);
        Assert.Equal((Side.Buy, 847697L, 0L), (e.Side, e.Price, e.Quantity));
    }

    [Fact]
    public void SequenceReset_SeqIdSmallerThanPrevSeqId_IsPassedThrough()
    {
        var (r, ev) = Parse(_parser, """{"arg":{"channel":"books","instId":"BTC-USDT"},"action":"update","data":[{"asks":[["8477.1","1","0","1"]],"bids":[],"ts":"1597026383185","checksum":0,"prevSeqId":15,"seqId":3}]}""");
        Assert.Equal(FrameKind.Data, r.Kind);
        Assert.Equal((15L, 3L), (ev[0].FirstUpdateId, ev[0].UpdateId));
    }

    [Fact]
    public void LargeSeqId_BeyondInt32_IsKept()
    {
        var (r, ev) = Parse(_parser, """{"arg":{"channel":"books","instId":"BTC-USDT"},"action":"update","data":[{"asks":[],"bids":[],"ts":"1597026383185","checksum":0,"prevSeqId":9876543210123,"seqId":9876543210999}]}""");
        Assert.Equal(FrameKind.Data, r.Kind);
        Assert.Equal((9876543210123L, 9876543210999L), (ev[0].FirstUpdateId, ev[0].UpdateId));
    }

    [Fact]
    public void ChecksumZero_MeansNotProvided_AndIsPassedThroughAsZero()
    {
        var (r, ev) = Parse(_parser, """{"arg":{"channel":"books","instId":"BTC-USDT"},"action":"update","data":[{"asks":[],"bids":[],"ts":"1597026383185","checksum":0,"prevSeqId":1,"seqId":1}]}""");
        Assert.Equal(FrameKind.Data, r.Kind);
        Assert.Equal(OkxBookChecksum.NotProvided, ev[0].Checksum);
        Assert.False(OkxBookChecksum.IsProvided(ev[0].Checksum));
        // Absent altogether is the same as 0.
        var (r2, ev2) = Parse(_parser, """{"arg":{"channel":"books","instId":"BTC-USDT"},"action":"update","data":[{"asks":[],"bids":[],"ts":"1597026383185","prevSeqId":1,"seqId":1}]}""");
        Assert.Equal(FrameKind.Data, r2.Kind);
        Assert.Equal(0, ev2[0].Checksum);
    }

    [Fact]
    public void UnsignedChecksumValue_IsReinterpretedAsInt32()
    {
        var (r, ev) = Parse(_parser, """{"arg":{"channel":"books","instId":"BTC-USDT"},"action":"update","data":[{"asks":[],"bids":[],"ts":"1","checksum":2413953002,"prevSeqId":1,"seqId":1}]}""");
        Assert.Equal(FrameKind.Data, r.Kind);
        Assert.Equal(-1881014294, ev[0].Checksum);
    }

    [Fact]
    public void L2TbtChannels_ParseLikeBooks()
    {
        foreach (var channel in new[] { "books-l2-tbt", "books50-l2-tbt" })
        {
            var (r, ev) = Parse(_parser, OkxFixtures.WsBooksUpdate.Replace("\"books\"", $"\"{channel}\""));
            Assert.Equal(FrameKind.Data, r.Kind);
            Assert.Equal(2, ev.Length);
            Assert.All(ev, e => Assert.Equal(MarketEventKind.BookDelta, e.Kind));
        }
    }

    [Fact]
    public void VariablePrecision_8477_vs_8477_0_SamePriceDifferentDecimals()
    {
        var (_, a) = Parse(_parser, """{"arg":{"channel":"books","instId":"BTC-USDT"},"action":"update","data":[{"asks":[["8477","7","0","2"]],"bids":[],"ts":"1","checksum":0,"prevSeqId":1,"seqId":2}]}""");
        var (_, b) = Parse(_parser, """{"arg":{"channel":"books","instId":"BTC-USDT"},"action":"update","data":[{"asks":[["8477.0","7.00","0","2"]],"bids":[],"ts":"1","checksum":0,"prevSeqId":1,"seqId":2}]}""");
        Assert.Equal(a[0].Price, b[0].Price);
        Assert.Equal(a[0].Quantity, b[0].Quantity);
        Assert.Equal((0, 0), (a[0].PriceDecimals, a[0].QuantityDecimals));
        Assert.Equal((1, 2), (b[0].PriceDecimals, b[0].QuantityDecimals));
    }

    [Fact]
    public void WorkedChecksumExample_ParsedFrame_MatchesComputedChecksum()
    {
        // §4.5 worked example as a snapshot frame (index 2 of a level is deprecated and may be non-zero: ignored).
        var (r, ev) = Parse(_parser, """{"arg":{"channel":"books","instId":"BTC-USDT"},"action":"snapshot","data":[{"asks":[["3366.8","9","10","3"],["3368","8","3","4"]],"bids":[["3366.1","7","0","3"],["3366","6","3","4"]],"ts":"1","checksum":-1881014294,"prevSeqId":-1,"seqId":1}]}""");
        Assert.Equal(FrameKind.Data, r.Kind);
        var bids = ev.Where(e => e.Side == Side.Buy).Select(ToLevel).ToArray();
        var asks = ev.Where(e => e.Side == Side.Sell).Select(ToLevel).ToArray();
        var instrument = _registry[BtcUsdt];
        Assert.Equal(ev[0].Checksum, OkxBookChecksum.Compute(bids, asks, instrument.PriceScale, instrument.QuantityScale));
        Assert.True(OkxBookChecksum.Matches(ev[0].Checksum, bids, asks, instrument.PriceScale, instrument.QuantityScale));
    }

    private static OkxChecksumLevel ToLevel(MarketEvent e) => new(e.Price, e.Quantity, e.PriceDecimals, e.QuantityDecimals);

    [Fact]
    public void MultipleTrades_InOneFrame()
    {
        var (r, ev) = Parse(_parser, """{"arg":{"channel":"trades","instId":"BTC-USDT"},"data":[{"instId":"BTC-USDT","tradeId":"1","px":"42219.9","sz":"0.1","side":"buy","ts":"1630048897897"},{"instId":"BTC-USDT","tradeId":"2","px":"42219.8","sz":"0.2","side":"sell","ts":"1630048897898"}]}""");
        Assert.Equal(FrameKind.Data, r.Kind);
        Assert.Equal(2, ev.Length);
        Assert.Equal((1L, Side.Buy, false), (ev[0].TradeId, ev[0].Side, ev[0].Has(EventFlags.BuyerIsMaker)));
        Assert.Equal((2L, Side.Sell, true), (ev[1].TradeId, ev[1].Side, ev[1].Has(EventFlags.BuyerIsMaker)));
    }

    [Fact]
    public void TradesAll_Channel_ParsesLikeTrades()
    {
        var (r, ev) = Parse(_parser, OkxFixtures.WsTrades.Replace("\"trades\"", "\"trades-all\""));
        Assert.Equal(FrameKind.Data, r.Kind);
        Assert.Equal(MarketEventKind.Trade, Assert.Single(ev).Kind);
    }

    [Fact]
    public void Ticker_EmptyStrings_AreNullNotZeroErrors()
    {
        var (r, ev) = Parse(_parser, """{"arg":{"channel":"tickers","instId":"BTC-USDT"},"data":[{"instType":"SPOT","instId":"BTC-USDT","last":"9999.99","lastSz":"","askPx":"","askSz":"","bidPx":"","bidSz":"","vol24h":"0","ts":"1597026383085"}]}""");
        Assert.Equal(FrameKind.Data, r.Kind);
        var e = Assert.Single(ev);
        Assert.Equal((999999L, 0L, 0L, 0L, 0L, 0L), (e.Price, e.Quantity, e.Bid, e.BidSize, e.Ask, e.AskSize));
    }

    [Fact]
    public void BboTbt_EmptySide_KeepsZero()
    {
        var (r, ev) = Parse(_parser, """{"arg":{"channel":"bbo-tbt","instId":"BTC-USDT"},"data":[{"asks":[],"bids":[["8476.97","256","0","12"]],"ts":"1597026383085","seqId":5}]}""");
        Assert.Equal(FrameKind.Data, r.Kind);
        var e = Assert.Single(ev);
        Assert.Equal((847697L, 0L, 0L), (e.Bid, e.Ask, e.AskSize));
    }

    // ---- bad inputs ------------------------------------------------------------------------------------------

    private const string UpdateHead = """{"arg":{"channel":"books","instId":"BTC-USDT"},"action":"update","data":[""";

    [Theory]
    // wrong JSON types
    [InlineData(UpdateHead + """{"asks":[],"bids":[],"ts":"1","checksum":"-855196043","prevSeqId":1,"seqId":2}]}""", RejectReason.WrongType)]
    [InlineData(UpdateHead + """{"asks":[],"bids":[],"ts":"1","checksum":0,"prevSeqId":"1","seqId":2}]}""", RejectReason.WrongType)]
    [InlineData(UpdateHead + """{"asks":[],"bids":[],"ts":"1","checksum":0,"prevSeqId":1,"seqId":"2"}]}""", RejectReason.WrongType)]
    [InlineData(UpdateHead + """{"asks":[],"bids":[],"ts":1597026383185,"checksum":0,"prevSeqId":1,"seqId":2}]}""", RejectReason.WrongType)]
    [InlineData(UpdateHead + """{"asks":[[8476.98,"1","0","1"]],"bids":[],"ts":"1","checksum":0,"prevSeqId":1,"seqId":2}]}""", RejectReason.WrongType)]
    [InlineData(UpdateHead + """{"asks":[["8476.98",1,"0","1"]],"bids":[],"ts":"1","checksum":0,"prevSeqId":1,"seqId":2}]}""", RejectReason.WrongType)]
    [InlineData(UpdateHead + """{"asks":{},"bids":[],"ts":"1","checksum":0,"prevSeqId":1,"seqId":2}]}""", RejectReason.WrongType)]
    [InlineData(UpdateHead + """{"asks":["8476.98"],"bids":[],"ts":"1","checksum":0,"prevSeqId":1,"seqId":2}]}""", RejectReason.WrongType)]
    [InlineData(UpdateHead + """["not an object"]]}""", RejectReason.WrongType)]
    [InlineData("""{"arg":{"channel":"books","instId":"BTC-USDT"},"action":"update","data":{}}""", RejectReason.WrongType)]
    [InlineData("""{"arg":"books","action":"update","data":[]}""", RejectReason.WrongType)]
    [InlineData("""{"arg":{"channel":1,"instId":"BTC-USDT"},"data":[]}""", RejectReason.WrongType)]
    [InlineData("""{"arg":{"channel":"books","instId":"BTC-USDT"},"action":1,"data":[]}""", RejectReason.WrongType)]
    // bad numbers
    [InlineData(UpdateHead + """{"asks":[],"bids":[],"ts":"1","checksum":1.5,"prevSeqId":1,"seqId":2}]}""", RejectReason.BadNumber)]
    [InlineData(UpdateHead + """{"asks":[],"bids":[],"ts":"1","checksum":99999999999,"prevSeqId":1,"seqId":2}]}""", RejectReason.BadNumber)]
    [InlineData(UpdateHead + """{"asks":[],"bids":[],"ts":"1","checksum":0,"prevSeqId":1,"seqId":2.5}]}""", RejectReason.BadNumber)]
    [InlineData(UpdateHead + """{"asks":[],"bids":[],"ts":"","checksum":0,"prevSeqId":1,"seqId":2}]}""", RejectReason.BadNumber)]
    [InlineData(UpdateHead + """{"asks":[],"bids":[],"ts":"12:00","checksum":0,"prevSeqId":1,"seqId":2}]}""", RejectReason.BadNumber)]
    [InlineData(UpdateHead + """{"asks":[["abc","1","0","1"]],"bids":[],"ts":"1","checksum":0,"prevSeqId":1,"seqId":2}]}""", RejectReason.BadNumber)]
    [InlineData(UpdateHead + """{"asks":[["","1","0","1"]],"bids":[],"ts":"1","checksum":0,"prevSeqId":1,"seqId":2}]}""", RejectReason.BadNumber)]
    [InlineData(UpdateHead + """{"asks":[["8476.98","","0","1"]],"bids":[],"ts":"1","checksum":0,"prevSeqId":1,"seqId":2}]}""", RejectReason.BadNumber)]
    // precision finer than the instrument allows
    [InlineData(UpdateHead + """{"asks":[["8476.981","1","0","1"]],"bids":[],"ts":"1","checksum":0,"prevSeqId":1,"seqId":2}]}""", RejectReason.TickMisaligned)]
    [InlineData(UpdateHead + """{"asks":[["8476.98","0.000000001","0","1"]],"bids":[],"ts":"1","checksum":0,"prevSeqId":1,"seqId":2}]}""", RejectReason.StepMisaligned)]
    // missing fields
    [InlineData("""{"arg":{"channel":"books","instId":"BTC-USDT"},"data":[{"asks":[],"bids":[],"ts":"1","checksum":0,"prevSeqId":1,"seqId":2}]}""", RejectReason.MissingField)]
    [InlineData(UpdateHead + """{"asks":[],"bids":[],"ts":"1","checksum":0,"prevSeqId":1}]}""", RejectReason.MissingField)]
    [InlineData(UpdateHead + """{"asks":[],"bids":[],"ts":"1","checksum":0,"seqId":2}]}""", RejectReason.MissingField)]
    [InlineData(UpdateHead + """{"bids":[],"ts":"1","checksum":0,"prevSeqId":1,"seqId":2}]}""", RejectReason.MissingField)]
    [InlineData(UpdateHead + """{"asks":[],"ts":"1","checksum":0,"prevSeqId":1,"seqId":2}]}""", RejectReason.MissingField)]
    [InlineData(UpdateHead + """{"asks":[],"bids":[],"checksum":0,"prevSeqId":1,"seqId":2}]}""", RejectReason.MissingField)]
    [InlineData(UpdateHead + """{"asks":[["8476.98"]],"bids":[],"ts":"1","checksum":0,"prevSeqId":1,"seqId":2}]}""", RejectReason.MissingField)]
    [InlineData("""{"arg":{"channel":"books"},"action":"update","data":[]}""", RejectReason.MissingField)]
    [InlineData("""{"arg":{"instId":"BTC-USDT"},"data":[]}""", RejectReason.MissingField)]
    [InlineData("""{"arg":{"channel":"books","instId":"BTC-USDT"},"action":"update"}""", RejectReason.MissingField)]
    [InlineData("""{"action":"update","data":[{"asks":[],"bids":[],"ts":"1","checksum":0,"prevSeqId":1,"seqId":2}]}""", RejectReason.MissingField)]
    [InlineData("""{"arg":{"channel":"books5","instId":"BCH-USDT-SWAP"},"data":[{"asks":[],"ts":"1","seqId":2}]}""", RejectReason.MissingField)]
    [InlineData("""{"arg":{"channel":"bbo-tbt","instId":"BTC-USDT"},"data":[{"asks":[],"bids":[],"seqId":2}]}""", RejectReason.MissingField)]
    // unknown things
    [InlineData("""{"arg":{"channel":"books","instId":"DOGE-USDT"},"action":"update","data":[{"asks":[],"bids":[],"ts":"1","checksum":0,"prevSeqId":1,"seqId":2}]}""", RejectReason.UnknownInstrument)]
    [InlineData("""{"arg":{"channel":"books","instId":"ETH-USDT"},"action":"update","data":[{"asks":[],"bids":[],"ts":"1","checksum":0,"prevSeqId":1,"seqId":2}]}""", RejectReason.UnknownInstrument)]
    [InlineData("""{"arg":{"channel":"books","instId":"btc-usdt"},"action":"update","data":[{"asks":[],"bids":[],"ts":"1","checksum":0,"prevSeqId":1,"seqId":2}]}""", RejectReason.UnknownInstrument)]
    [InlineData("""{"arg":{"channel":"candle1m","instId":"BTC-USDT"},"data":[["1597026383085","1","1","1","1","1","1","1","0"]]}""", RejectReason.UnknownMessage)]
    [InlineData("""{"arg":{"channel":"books","instId":"BTC-USDT"},"action":"partial","data":[]}""", RejectReason.UnknownMessage)]
    public void BadInputs_AreRejectedWithReason(string json, RejectReason reason)
    {
        Assert.Equal(reason, ParseRejected(_parser, json).Reason);
    }

    [Theory]
    [InlineData("""{"instId":"BTC-USDT","tradeId":"1","px":"42219.9","sz":"0.1","side":"hold","ts":"1"}""", RejectReason.WrongType)]
    [InlineData("""{"instId":"BTC-USDT","tradeId":130639474,"px":"42219.9","sz":"0.1","side":"buy","ts":"1"}""", RejectReason.WrongType)]
    [InlineData("""{"instId":"BTC-USDT","tradeId":"abc","px":"42219.9","sz":"0.1","side":"buy","ts":"1"}""", RejectReason.BadNumber)]
    [InlineData("""{"instId":"BTC-USDT","tradeId":"","px":"42219.9","sz":"0.1","side":"buy","ts":"1"}""", RejectReason.BadNumber)]
    [InlineData("""{"instId":"BTC-USDT","tradeId":"1","px":"","sz":"0.1","side":"buy","ts":"1"}""", RejectReason.BadNumber)]
    [InlineData("""{"instId":"BTC-USDT","tradeId":"1","px":"42219.999","sz":"0.1","side":"buy","ts":"1"}""", RejectReason.TickMisaligned)]
    [InlineData("""{"instId":"BTC-USDT","tradeId":"1","sz":"0.1","side":"buy","ts":"1"}""", RejectReason.MissingField)]
    [InlineData("""{"instId":"BTC-USDT","tradeId":"1","px":"42219.9","side":"buy","ts":"1"}""", RejectReason.MissingField)]
    [InlineData("""{"instId":"BTC-USDT","px":"42219.9","sz":"0.1","side":"buy","ts":"1"}""", RejectReason.MissingField)]
    [InlineData("""{"instId":"BTC-USDT","tradeId":"1","px":"42219.9","sz":"0.1","ts":"1"}""", RejectReason.MissingField)]
    public void BadTrades(string trade, RejectReason reason)
    {
        Assert.Equal(reason, ParseRejected(_parser, """{"arg":{"channel":"trades","instId":"BTC-USDT"},"data":[""" + trade + "]}").Reason);
    }

    [Theory]
    [InlineData("""{"instId":"BTC-USDT","last":9999.99,"askPx":"1","askSz":"1","bidPx":"1","bidSz":"1","ts":"1"}""", RejectReason.WrongType)]
    [InlineData("""{"instId":"BTC-USDT","last":"x","askPx":"1","askSz":"1","bidPx":"1","bidSz":"1","ts":"1"}""", RejectReason.BadNumber)]
    [InlineData("""{"instId":"BTC-USDT","askPx":"1","askSz":"1","bidPx":"1","bidSz":"1","ts":"1"}""", RejectReason.MissingField)]
    [InlineData("""{"instId":"BTC-USDT","last":"1","askPx":"1","askSz":"1","bidPx":"1","bidSz":"1"}""", RejectReason.MissingField)]
    [InlineData("""{"instId":"BTC-USDT","last":"1","askPx":"1.001","askSz":"1","bidPx":"1","bidSz":"1","ts":"1"}""", RejectReason.TickMisaligned)]
    public void BadTickers(string ticker, RejectReason reason)
    {
        Assert.Equal(reason, ParseRejected(_parser, """{"arg":{"channel":"tickers","instId":"BTC-USDT"},"data":[""" + ticker + "]}").Reason);
    }

    [Fact]
    public void RejectionInSecondElement_RemovesEventsOfTheFirst()
    {
        var r = ParseRejected(_parser, """{"arg":{"channel":"trades","instId":"BTC-USDT"},"data":[{"tradeId":"1","px":"1","sz":"1","side":"buy","ts":"1"},{"tradeId":"2","px":"bad","sz":"1","side":"buy","ts":"1"}]}""");
        Assert.Equal(RejectReason.BadNumber, r.Reason);
    }

    [Fact]
    public void UnknownKeys_AreSkipped_AtEveryLevel()
    {
        var (r, ev) = Parse(_parser, """{"x":{"y":[1,2,{"z":null}]},"arg":{"channel":"trades","instId":"BTC-USDT","uid":"77","extra":[1]},"data":[{"new":{"a":[1]},"instId":"BTC-USDT","tradeId":"130639474","px":"42219.9","sz":"0.12060306","side":"buy","ts":"1630048897897","count":"3","more":[["x"]]}],"connId":"1"}""");
        Assert.Equal(FrameKind.Data, r.Kind);
        Assert.Equal(130639474, Assert.Single(ev).TradeId);
    }

    // ---- malformed / truncated -------------------------------------------------------------------------------

    public static TheoryData<string> AllWsDataFixtures() =>
    [
        nameof(OkxFixtures.WsBooksSnapshot), nameof(OkxFixtures.WsBooksUpdate), nameof(OkxFixtures.WsBooks5),
        nameof(OkxFixtures.WsBboTbt), nameof(OkxFixtures.WsTickersFixture), nameof(OkxFixtures.WsTickersDocs),
        nameof(OkxFixtures.WsTrades), nameof(OkxFixtures.WsSubscribeAck), nameof(OkxFixtures.WsError), nameof(OkxFixtures.WsNotice),
    ];

    [Theory]
    [MemberData(nameof(AllWsDataFixtures))]
    public void EveryTruncation_IsMalformed_AndAppendsNothing(string fixture)
    {
        var frame = Utf8((string)typeof(OkxFixtures).GetField(fixture)!.GetValue(null)!);
        var end = frame.Length;
        while (end > 0 && char.IsWhiteSpace((char)frame[end - 1])) end--;
        for (var n = 0; n < end; n++)
        {
            var r = ParseRejected(_parser, frame[..n]);
            Assert.Equal(RejectReason.MalformedJson, r.Reason);
        }
    }

    [Theory]
    [InlineData("""{"arg":{"channel":"books","instId":"BTC-USDT"},"action":"update","data":[{"asks":[],"bids":[],}]}""")]
    [InlineData("""{"arg":{"channel":"books","instId":"BTC-USDT"} "data":[]}""")]
    [InlineData("""{"arg":{"channel":'books',"instId":"BTC-USDT"},"data":[]}""")]
    [InlineData("""{"arg":{"channel":"trades","instId":"BTC-USDT"},"data":[{"tradeId":"1","px":"1","sz":"1","side":"buy","ts":"1"}]]}""")]
    [InlineData("""{"arg":{"channel":"trades","instId":"BTC-USDT"},"data":[{"tradeId":"1","px":"1","sz":"1","side":"buy","ts":"1"]}""")]
    public void InvalidJson_IsMalformed(string json)
    {
        Assert.Equal(RejectReason.MalformedJson, ParseRejected(_parser, json).Reason);
    }

    [Fact]
    public void Venue_IsOkx() => Assert.Equal(Venue.Okx, _parser.Venue);
}

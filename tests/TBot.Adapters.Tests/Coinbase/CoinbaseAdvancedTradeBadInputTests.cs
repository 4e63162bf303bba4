using TBot.Adapters.Coinbase;
using TBot.Adapters.Ingress;
using TBot.Engine.Events;
using TBot.Engine.Instruments;
using TBot.Engine.Validation;
using static TBot.Adapters.Tests.Coinbase.CoinbaseTestSupport;

namespace TBot.Adapters.Tests.Coinbase;

/// <summary>Section C of the format doc (the parts that concern parsing) and schema errors, Advanced Trade.</summary>
public class CoinbaseAdvancedTradeBadInputTests
{
    private readonly InstrumentRegistry _registry = Registry();
    private readonly CoinbaseAdvancedTradeParser _parser;
    private readonly int _btc;
    private readonly int _eth;

    public CoinbaseAdvancedTradeBadInputTests()
    {
        _parser = new CoinbaseAdvancedTradeParser(_registry);
        _btc = Id(_registry, "BTC-USD");
        _eth = Id(_registry, "ETH-USD");
    }

    private static string Envelope(string channel, string events, long sequence = 9) =>
        $$"""{"channel":"{{channel}}","client_id":"","timestamp":"2026-04-07T14:30:01.5Z","sequence_num":{{sequence}},"events":{{events}}}""";

    private static string L2Event(string type, string product, string updates) =>
        $$"""{"type":"{{type}}","product_id":"{{product}}","updates":[{{updates}}]}""";

    private static string Level(string side, string price, string quantity) =>
        $$"""{"side":"{{side}}","event_time":"2026-04-07T14:30:01.5Z","price_level":"{{price}}","new_quantity":"{{quantity}}"}""";

    private static string L2(string type, string product, string updates, long sequence = 9) =>
        Envelope("l2_data", $"[{L2Event(type, product, updates)}]", sequence);

    private static string Trade(string id, string product, string price, string size, string side) =>
        $$"""{"trade_id":"{{id}}","product_id":"{{product}}","price":"{{price}}","size":"{{size}}","side":"{{side}}","time":"2026-04-07T14:30:01Z"}""";

    private static string Trades(string trades, long sequence = 9) =>
        Envelope("market_trades", $$"""[{"type":"update","trades":[{{trades}}]}]""", sequence);

    private static string Ticker(string fields, long sequence = 9) =>
        Envelope("ticker", $$"""[{"type":"update","tickers":[{"type":"ticker",{{fields}}}]}]""", sequence);

    private void AssertReject(string frame, RejectReason reason, long sequence = 9)
    {
        var (result, events) = Parse(_parser, frame);
        Assert.Equal(ParseResult.Reject(reason, sequence), result);
        Assert.Empty(events);
    }

    // ---- channel names and side vocabulary ----

    [Fact]
    public void Level2_arrives_as_l2_data_and_the_subscribe_name_is_not_a_channel()
    {
        Assert.Equal(FrameKind.Data, Parse(_parser, L2("update", "BTC-USD", Level("bid", "1.00", "1"))).Result.Kind);
        AssertReject(Envelope("level2", $"[{L2Event("update", "BTC-USD", Level("bid", "1.00", "1"))}]"), RejectReason.UnknownMessage);
    }

    [Theory]
    [InlineData("candles")]
    [InlineData("status")]
    [InlineData("user")]
    [InlineData("futures_balance_summary")]
    public void Unhandled_channels_are_unknown_messages_that_still_report_their_sequence(string channel) =>
        AssertReject(Envelope(channel, "[]", 31), RejectReason.UnknownMessage, 31);

    [Theory]
    [InlineData("ask")]
    [InlineData("BID")]
    [InlineData("Offer")]
    [InlineData("buy")]
    [InlineData("")]
    public void Unknown_book_side_is_malformed(string side) =>
        AssertReject(L2("update", "BTC-USD", Level("bid", "1.00", "1") + "," + Level(side, "2.00", "1")), RejectReason.MalformedJson);

    [Theory]
    [InlineData("buy")]
    [InlineData("sell")]
    [InlineData("Buy")]
    [InlineData("bid")]
    public void Trade_side_must_be_upper_case_BUY_or_SELL(string side) =>
        AssertReject(Trades(Trade("1", "BTC-USD", "1.00", "1", side)), RejectReason.MalformedJson);

    // ---- empty arrays ----

    [Theory]
    [InlineData("l2_data")]
    [InlineData("ticker")]
    [InlineData("ticker_batch")]
    [InlineData("market_trades")]
    public void Empty_events_is_data_without_events_but_with_the_sequence(string channel)
    {
        var (result, events) = Parse(_parser, Envelope(channel, "[]", 44));
        Assert.Equal(ParseResult.Data(44), result);
        Assert.Empty(events);
    }

    [Fact]
    public void Empty_update_still_emits_one_event_so_the_sequence_reaches_book_sync()
    {
        var (result, events) = Parse(_parser, L2("update", "BTC-USD", "", 17));

        Assert.Equal(ParseResult.Data(17), result);
        var e = Assert.Single(events);
        Assert.Equal(MarketEventKind.BookDelta, e.Kind);
        Assert.Equal(Side.None, e.Side);
        Assert.Equal(0, e.Quantity);
        Assert.Equal(_btc, e.InstrumentId);
        Assert.Equal(17, e.UpdateId);
        Assert.Equal(EventFlags.FirstInMessage | EventFlags.LastInMessage, e.Flags);
        Assert.Equal(UnixNs(2026, 4, 7, 14, 30, 1, 500_000_000), e.ExchangeTimeNs);
    }

    [Fact]
    public void Empty_snapshot_emits_one_snapshot_event_meaning_an_empty_book()
    {
        var (_, events) = Parse(_parser, L2("snapshot", "BTC-USD", ""));

        var e = Assert.Single(events);
        Assert.Equal(MarketEventKind.BookSnapshotLevel, e.Kind);
        Assert.Equal(Side.None, e.Side);
        Assert.Equal(EventFlags.FirstInMessage | EventFlags.LastInMessage, e.Flags);
    }

    [Fact]
    public void Empty_trades_and_tickers_emit_nothing()
    {
        Assert.Equal((ParseResult.Data(9), 0), Count(Trades("")));
        Assert.Equal((ParseResult.Data(9), 0), Count(Envelope("ticker", """[{"type":"update","tickers":[]}]""")));
    }

    private (ParseResult, int) Count(string frame)
    {
        var (result, events) = Parse(_parser, frame);
        return (result, events.Length);
    }

    // ---- several events per frame ----

    [Fact]
    public void Each_products_events_form_their_own_message()
    {
        var events = $"[{L2Event("update", "BTC-USD", Level("bid", "1.00", "1") + "," + Level("offer", "2.00", "1"))}," +
                     $"{L2Event("update", "ETH-USD", Level("bid", "3.00", "1"))}]";
        var (result, parsed) = Parse(_parser, Envelope("l2_data", events));

        Assert.Equal(ParseResult.Data(9), result);
        Assert.Equal(new[] { _btc, _btc, _eth }, parsed.Select(e => e.InstrumentId).ToArray());
        Assert.Equal(
            new[] { EventFlags.FirstInMessage, EventFlags.LastInMessage, EventFlags.FirstInMessage | EventFlags.LastInMessage },
            parsed.Select(e => e.Flags).ToArray());
        Assert.All(parsed, e => Assert.Equal(9, e.UpdateId));
    }

    [Fact]
    public void Consecutive_events_of_one_product_and_type_are_one_message()
    {
        var events = $"[{L2Event("update", "BTC-USD", Level("bid", "1.00", "1"))}," +
                     $"{L2Event("update", "BTC-USD", "")}," +
                     $"{L2Event("update", "BTC-USD", Level("offer", "2.00", "1"))}]";
        var (_, parsed) = Parse(_parser, Envelope("l2_data", events));

        Assert.Equal(new[] { EventFlags.FirstInMessage, EventFlags.LastInMessage }, parsed.Select(e => e.Flags).ToArray());
    }

    [Fact]
    public void A_snapshot_and_an_update_of_one_product_are_separate_messages()
    {
        var events = $"[{L2Event("snapshot", "BTC-USD", Level("bid", "1.00", "1") + "," + Level("offer", "2.00", "1"))}," +
                     $"{L2Event("update", "BTC-USD", Level("bid", "1.00", "0"))}," +
                     $"{L2Event("update", "ETH-USD", "")}," +
                     $"{L2Event("update", "BTC-USD", Level("bid", "1.50", "2"))}]";
        var (_, parsed) = Parse(_parser, Envelope("l2_data", events));

        Assert.Equal(
            new[] { MarketEventKind.BookSnapshotLevel, MarketEventKind.BookSnapshotLevel, MarketEventKind.BookDelta, MarketEventKind.BookDelta, MarketEventKind.BookDelta },
            parsed.Select(e => e.Kind).ToArray());
        Assert.Equal(new[] { _btc, _btc, _btc, _eth, _btc }, parsed.Select(e => e.InstrumentId).ToArray());
        Assert.Equal(Side.None, parsed[3].Side);
        var both = EventFlags.FirstInMessage | EventFlags.LastInMessage;
        Assert.Equal(
            new[] { EventFlags.FirstInMessage, EventFlags.LastInMessage, both, both, both },
            parsed.Select(e => e.Flags).ToArray());
    }

    [Fact]
    public void Huge_snapshot_is_one_message()
    {
        var levels = string.Join(",", Enumerable.Range(1, 5_000).Select(i =>
            Level(i % 2 == 0 ? "bid" : "offer", $"{(i % 2 == 0 ? 60_000 - i : 70_000 + i)}.{i % 100:00}", $"0.{i:00000000}")));
        var batch = new EventBatch(16);
        var result = _parser.Parse(Utf8(L2("snapshot", "BTC-USD", levels, 0)), ReceiveTime, batch);

        Assert.Equal(ParseResult.Data(0), result);
        Assert.Equal(5_000, batch.Count);
        Assert.Equal(EventFlags.FirstInMessage, batch[0].Flags);
        Assert.Equal(EventFlags.LastInMessage, batch[4_999].Flags);
        Assert.Equal(4_998, batch.AsSpan().ToArray().Count(e => e.Flags == EventFlags.None));
        Assert.Equal((Side.Buy, 5_500_000L, 5_000L), (batch[4_999].Side, batch[4_999].Price, batch[4_999].Quantity));
    }

    // ---- missing fields ----

    [Fact]
    public void Client_id_may_be_absent()
    {
        var frame = L2("update", "BTC-USD", Level("bid", "1.00", "1")).Replace("\"client_id\":\"\",", "");
        Assert.DoesNotContain("client_id", frame);
        Assert.Equal(ParseResult.Data(9), Parse(_parser, frame).Result);
    }

    [Fact]
    public void Ticker_batch_without_best_bid_and_ask_leaves_them_zero()
    {
        var frame = Envelope("ticker_batch", """
            [{"type":"update","tickers":[{"type":"ticker","product_id":"BTC-USD","price":"68900.50","volume_24_h":"15328.12345678","low_24_h":"67500.00","high_24_h":"69200.00","low_52_w":"25000.00","high_52_w":"73800.00","price_percent_chg_24_h":"1.85"}]}]
            """);
        var (result, events) = Parse(_parser, frame);

        Assert.Equal(ParseResult.Data(9), result);
        var e = Assert.Single(events);
        Assert.Equal(MarketEventKind.Ticker, e.Kind);
        Assert.Equal(6_890_050, e.Price);
        Assert.Equal(1_532_812_345_678, e.Volume);
        Assert.Equal((0L, 0L, 0L, 0L), (e.Bid, e.BidSize, e.Ask, e.AskSize));
    }

    [Fact]
    public void Crossed_ticker_top_of_book_is_passed_through_for_validation_downstream()
    {
        var (_, events) = Parse(_parser, Ticker("""
            "product_id":"BTC-USD","best_bid":"101.00","best_ask":"100.00"
            """));
        var e = Assert.Single(events);
        Assert.Equal((10_100L, 10_000L), (e.Bid, e.Ask));
    }

    [Fact]
    public void Trade_without_id_or_time_takes_zero_id_and_the_envelope_time()
    {
        var (_, events) = Parse(_parser, Trades("""{"product_id":"BTC-USD","price":"1.00","size":"1","side":"SELL"}"""));
        var e = Assert.Single(events);
        Assert.Equal(0, e.TradeId);
        Assert.Equal(UnixNs(2026, 4, 7, 14, 30, 1, 500_000_000), e.ExchangeTimeNs);
    }

    [Fact]
    public void Trade_with_placeholder_epoch_time_takes_the_envelope_time()
    {
        var (_, events) = Parse(_parser, Trades(Trade("1", "BTC-USD", "1.00", "1", "SELL").Replace("2026-04-07T14:30:01Z", "1970-01-01T00:00:00Z")));
        Assert.Equal(UnixNs(2026, 4, 7, 14, 30, 1, 500_000_000), Assert.Single(events).ExchangeTimeNs);
    }

    public static TheoryData<string, RejectReason> MissingFields => new()
    {
        { """{"client_id":"","timestamp":"2026-04-07T14:30:01Z","sequence_num":9,"events":[]}""", RejectReason.MissingField },
        { """{"channel":"l2_data","timestamp":"2026-04-07T14:30:01Z","events":[]}""", RejectReason.MissingField },
        { """{"channel":"l2_data","timestamp":"2026-04-07T14:30:01Z","sequence_num":9}""", RejectReason.MissingField },
        { """{"channel":"heartbeats","timestamp":"2026-04-07T14:30:01Z","sequence_num":null,"events":[]}""", RejectReason.MissingField },
        { """{"channel":"l2_data","sequence_num":9,"events":[{"product_id":"BTC-USD","updates":[]}]}""", RejectReason.MissingField },
        { """{"channel":"l2_data","sequence_num":9,"events":[{"type":"update","updates":[]}]}""", RejectReason.MissingField },
        { """{"channel":"l2_data","sequence_num":9,"events":[{"type":"update","product_id":"BTC-USD"}]}""", RejectReason.MissingField },
        { """{"channel":"l2_data","sequence_num":9,"events":[{"type":"update","product_id":"BTC-USD","updates":[{"side":"bid","price_level":"1.00"}]}]}""", RejectReason.MissingField },
        { """{"channel":"l2_data","sequence_num":9,"events":[{"type":"update","product_id":"BTC-USD","updates":[{"side":"bid","new_quantity":"1"}]}]}""", RejectReason.MissingField },
        { """{"channel":"l2_data","sequence_num":9,"events":[{"type":"update","product_id":"BTC-USD","updates":[{"price_level":"1.00","new_quantity":"1"}]}]}""", RejectReason.MissingField },
        { """{"channel":"l2_data","sequence_num":9,"events":[{"type":"update","product_id":null,"updates":[]}]}""", RejectReason.MissingField },
        { """{"channel":"market_trades","sequence_num":9,"events":[{"type":"update"}]}""", RejectReason.MissingField },
        { """{"channel":"market_trades","sequence_num":9,"events":[{"type":"update","trades":[{"product_id":"BTC-USD","size":"1","side":"BUY"}]}]}""", RejectReason.MissingField },
        { """{"channel":"market_trades","sequence_num":9,"events":[{"type":"update","trades":[{"product_id":"BTC-USD","price":"1.00","side":"BUY"}]}]}""", RejectReason.MissingField },
        { """{"channel":"market_trades","sequence_num":9,"events":[{"type":"update","trades":[{"product_id":"BTC-USD","price":"1.00","size":"1"}]}]}""", RejectReason.MissingField },
        { """{"channel":"market_trades","sequence_num":9,"events":[{"type":"update","trades":[{"price":"1.00","size":"1","side":"BUY"}]}]}""", RejectReason.MissingField },
        { """{"channel":"ticker","sequence_num":9,"events":[{"type":"update"}]}""", RejectReason.MissingField },
        { """{"channel":"ticker","sequence_num":9,"events":[{"type":"update","tickers":[{"price":"1.00"}]}]}""", RejectReason.MissingField },
    };

    [Theory]
    [MemberData(nameof(MissingFields))]
    public void Missing_required_fields(string frame, RejectReason reason)
    {
        var (result, events) = Parse(_parser, frame);
        Assert.Equal(FrameKind.Rejected, result.Kind);
        Assert.Equal(reason, result.Reason);
        Assert.Empty(events);
        // The sequence surfaces whenever the frame had one.
        Assert.Equal(frame.Contains("\"sequence_num\":9") ? 9 : ParseResult.NoSequence, result.ConnectionSequence);
    }

    [Fact]
    public void Unknown_event_types_are_unknown_messages()
    {
        AssertReject(L2("partial", "BTC-USD", ""), RejectReason.UnknownMessage);
        AssertReject(Envelope("market_trades", """[{"type":"partial","trades":[]}]"""), RejectReason.UnknownMessage);
    }

    [Fact]
    public void Frame_with_type_but_no_channel_is_an_unknown_message() =>
        AssertReject("""{"type":"status","sequence_num":9}""", RejectReason.UnknownMessage);

    // ---- type variance ----

    [Fact]
    public void Trade_id_may_be_a_number_or_a_non_numeric_string()
    {
        var (_, numeric) = Parse(_parser, Trades("""{"trade_id":995098700,"product_id":"BTC-USD","price":"1.00","size":"1","side":"BUY"}"""));
        Assert.Equal(995_098_700, Assert.Single(numeric).TradeId);

        var uuid = "ac928c66-ca53-498f-9c13-a110027a60e8";
        var (_, first) = Parse(_parser, Trades(Trade(uuid, "BTC-USD", "1.00", "1", "BUY")));
        var (_, again) = Parse(_parser, Trades(Trade(uuid, "BTC-USD", "1.00", "1", "BUY")));
        var (_, other) = Parse(_parser, Trades(Trade("ac928c66-ca53-498f-9c13-a110027a60e9", "BTC-USD", "1.00", "1", "BUY")));
        Assert.Equal(CoinbaseTradeId.FromText(Utf8(uuid)), first[0].TradeId);
        Assert.True(first[0].TradeId < 0);
        Assert.Equal(first[0].TradeId, again[0].TradeId);
        Assert.NotEqual(first[0].TradeId, other[0].TradeId);
    }

    [Fact]
    public void Zero_quantities_remove_levels()
    {
        var (_, events) = Parse(_parser, L2("update", "BTC-USD", Level("bid", "1.00", "0") + "," + Level("offer", "2.00", "0.00000000")));
        Assert.All(events, e => Assert.Equal(0, e.Quantity));
        Assert.Equal(new byte[] { 0, 8 }, events.Select(e => e.QuantityDecimals).ToArray());
    }

    // ---- sequence numbers (gaps are detected downstream: the values must surface) ----

    [Fact]
    public void Sequence_numbers_surface_on_every_channel_including_jumps_and_reordering()
    {
        var frames = new (string Frame, long Sequence)[]
        {
            (L2("snapshot", "BTC-USD", Level("bid", "1.00", "1"), 0), 0),
            (CoinbaseFrames.AtSubscriptionsLevel2.Replace("\"sequence_num\":2", "\"sequence_num\":1"), 1),
            (L2("update", "BTC-USD", Level("bid", "1.00", "2"), 2), 2),
            (Trades(Trade("1", "BTC-USD", "1.00", "1", "BUY"), 5), 5), // jump: 3 and 4 were lost
            (CoinbaseFrames.AtHeartbeats.Replace("\"sequence_num\": 0", "\"sequence_num\": 6"), 6),
            (Ticker("\"product_id\":\"BTC-USD\",\"price\":\"1.00\"", 4), 4), // out of order
            (Envelope("candles", "[]", 7), 7),
            (L2("update", "DOGE-USD", Level("bid", "1.00", "2"), 8), 8),
        };
        foreach (var (frame, sequence) in frames)
            Assert.Equal(sequence, Parse(_parser, frame).Result.ConnectionSequence);
    }

    [Fact]
    public void Sequence_before_the_channel_or_after_the_events_still_surfaces()
    {
        var frame = $$"""{"events":[{{L2Event("update", "BTC-USD", Level("bid", "1.00", "1"))}}],"timestamp":"2026-04-07T14:30:01Z","sequence_num":123456789012,"channel":"l2_data"}""";
        var (result, events) = Parse(_parser, frame);

        Assert.Equal(ParseResult.Data(123_456_789_012), result);
        Assert.Equal(123_456_789_012, Assert.Single(events).UpdateId);
    }

    // ---- reordered keys ----

    [Fact]
    public void Reordered_keys_give_the_same_l2_events()
    {
        var canonical = Parse(_parser, CoinbaseFrames.AtL2Update).Events;
        const string reordered = """
            {"events":[{"updates":[
                {"new_quantity":"2.00000000","price_level":"68900.00","event_time":"2026-04-07T14:30:01.456789Z","side":"bid"},
                {"price_level":"68901.00","side":"offer","new_quantity":"0.00000000","event_time":"2026-04-07T14:30:01.456789Z"}],
              "product_id":"BTC-USD","type":"update"}],
             "sequence_num":1,"timestamp":"2026-04-07T14:30:01.456789Z","client_id":"","channel":"l2_data"}
            """;
        var (result, events) = Parse(_parser, reordered);

        Assert.Equal(ParseResult.Data(1), result);
        Assert.Equal(canonical, events);
    }

    [Fact]
    public void Reordered_keys_within_an_event_with_the_envelope_in_order()
    {
        var canonical = Parse(_parser, CoinbaseFrames.AtL2Snapshot).Events;
        const string reordered = """
            {"channel":"l2_data","client_id":"","timestamp":"2026-04-07T14:30:00.123456Z","sequence_num":0,"events":[{"updates":[
              {"side":"bid","event_time":"2026-04-07T14:30:00.123456Z","price_level":"68900.00","new_quantity":"1.50000000"},
              {"side":"bid","event_time":"2026-04-07T14:30:00.123456Z","price_level":"68899.50","new_quantity":"0.75000000"},
              {"side":"bid","event_time":"2026-04-07T14:30:00.123456Z","price_level":"68899.00","new_quantity":"2.30000000"},
              {"side":"offer","event_time":"2026-04-07T14:30:00.123456Z","price_level":"68901.00","new_quantity":"0.50000000"},
              {"side":"offer","event_time":"2026-04-07T14:30:00.123456Z","price_level":"68901.50","new_quantity":"1.20000000"},
              {"side":"offer","event_time":"2026-04-07T14:30:00.123456Z","price_level":"68902.00","new_quantity":"0.80000000"}],
              "type":"snapshot","product_id":"BTC-USD"}]}
            """;
        Assert.Equal(canonical, Parse(_parser, reordered).Events);
    }

    [Fact]
    public void Reordered_keys_give_the_same_trades_and_tickers()
    {
        var trades = Parse(_parser, CoinbaseFrames.AtMarketTrades).Events;
        const string reorderedTrades = """
            {"sequence_num":5,"events":[{"trades":[
                {"time":"2026-04-07T14:30:02.789012Z","side":"BUY","size":"0.00150000","price":"68900.50","product_id":"BTC-USD","trade_id":"995098700"},
                {"side":"SELL","product_id":"BTC-USD","trade_id":"995098701","time":"2026-04-07T14:30:02.800000Z","price":"68900.00","size":"0.05000000"}],
              "type":"update"}],"timestamp":"2026-04-07T14:30:02.789012Z","channel":"market_trades"}
            """;
        Assert.Equal(trades, Parse(_parser, reorderedTrades).Events);

        var ticker = Parse(_parser, CoinbaseFrames.AtTicker).Events;
        const string reorderedTicker = """
            {"timestamp":"2026-04-07T14:30:03.000000Z","events":[{"tickers":[{"best_ask_quantity":"0.50000000","best_ask":"68901.00",
              "best_bid_quantity":"1.50000000","best_bid":"68900.00","price_percent_chg_24_h":"1.85","high_52_w":"73800.00","low_52_w":"25000.00",
              "high_24_h":"69200.00","low_24_h":"67500.00","volume_24_h":"15328.12345678","price":"68900.50","product_id":"BTC-USD","type":"ticker"}],
              "type":"snapshot"}],"channel":"ticker","sequence_num":12,"client_id":""}
            """;
        Assert.Equal(ticker, Parse(_parser, reorderedTicker).Events);
    }

    // ---- malformed and truncated ----

    [Fact]
    public void Every_truncation_of_a_frame_is_malformed()
    {
        var frame = Utf8(CoinbaseFrames.AtL2Update);
        var batch = new EventBatch(4);
        batch.Add().TradeId = 1; // an earlier frame's event must survive
        for (var length = 0; length < frame.Length - 1; length++)
        {
            var result = _parser.Parse(frame.AsSpan(0, length), ReceiveTime, batch);
            Assert.Equal(ParseResult.Reject(RejectReason.MalformedJson), result);
            Assert.Equal(1, batch.Count);
        }
    }

    [Theory]
    [InlineData(CoinbaseFrames.AtMarketTradesTrailingComma)]
    [InlineData("{")]
    [InlineData("not json")]
    [InlineData("{\"channel\":\"l2_data\",}")]
    [InlineData("{\"channel\":\"l2_data\"}{\"channel\":\"l2_data\"}")]
    [InlineData("{\"channel\":\"heartbeats\",\"sequence_num\":1} x")]
    [InlineData("{\"channel\":'heartbeats',\"sequence_num\":1}")]
    [InlineData("{\"channel\":\"heartbeats\",\"sequence_num\":01}")]
    public void Invalid_json_is_malformed(string frame) =>
        Assert.Equal(ParseResult.Reject(RejectReason.MalformedJson), Parse(_parser, frame).Result);

    [Theory]
    [InlineData("[]")]
    [InlineData("42")]
    [InlineData("\"l2_data\"")]
    [InlineData("null")]
    public void Non_object_frames_are_wrong_type(string frame) =>
        Assert.Equal(ParseResult.Reject(RejectReason.WrongType), Parse(_parser, frame).Result);

    // ---- wrong types ----

    public static TheoryData<string> WrongTypes => new()
    {
        """{"channel":"l2_data","sequence_num":"9","events":[]}""",
        """{"channel":"l2_data","sequence_num":9.5,"events":[]}""",
        """{"channel":"l2_data","sequence_num":99999999999999999999,"events":[]}""",
        """{"channel":7,"sequence_num":9,"events":[]}""",
        """{"channel":"l2_data","sequence_num":9,"timestamp":1675974770,"events":[]}""",
        """{"channel":"l2_data","sequence_num":9,"events":{}}""",
        """{"channel":"l2_data","sequence_num":9,"events":[1]}""",
        """{"channel":"l2_data","sequence_num":9,"events":[{"type":"update","product_id":"BTC-USD","updates":{}}]}""",
        """{"channel":"l2_data","sequence_num":9,"events":[{"type":"update","product_id":"BTC-USD","updates":[["bid","1.00","1"]]}]}""",
        """{"channel":"l2_data","sequence_num":9,"events":[{"type":"update","product_id":"BTC-USD","updates":[{"side":"bid","price_level":68900.00,"new_quantity":"1"}]}]}""",
        """{"channel":"l2_data","sequence_num":9,"events":[{"type":"update","product_id":"BTC-USD","updates":[{"side":"bid","price_level":"1.00","new_quantity":true}]}]}""",
        """{"channel":"l2_data","sequence_num":9,"events":[{"type":"update","product_id":"BTC-USD","updates":[{"side":1,"price_level":"1.00","new_quantity":"1"}]}]}""",
        """{"channel":"l2_data","sequence_num":9,"events":[{"type":1,"product_id":"BTC-USD","updates":[]}]}""",
        """{"channel":"l2_data","sequence_num":9,"events":[{"type":"update","product_id":["BTC-USD"],"updates":[]}]}""",
        """{"channel":"market_trades","sequence_num":9,"events":[{"type":"update","trades":{}}]}""",
        """{"channel":"market_trades","sequence_num":9,"events":[{"type":"update","trades":["x"]}]}""",
        """{"channel":"market_trades","sequence_num":9,"events":[{"type":"update","trades":[{"product_id":"BTC-USD","price":1.0,"size":"1","side":"BUY"}]}]}""",
        """{"channel":"market_trades","sequence_num":9,"events":[{"type":"update","trades":[{"trade_id":{},"product_id":"BTC-USD","price":"1.00","size":"1","side":"BUY"}]}]}""",
        """{"channel":"market_trades","sequence_num":9,"events":[{"type":"update","trades":[{"product_id":"BTC-USD","price":"1.00","size":"1","side":"BUY","time":0}]}]}""",
        """{"channel":"ticker","sequence_num":9,"events":[{"type":"update","tickers":{}}]}""",
        """{"channel":"ticker","sequence_num":9,"events":[{"type":"update","tickers":[{"product_id":"BTC-USD","best_bid":68900}]}]}""",
    };

    [Theory]
    [MemberData(nameof(WrongTypes))]
    public void Wrong_json_types(string frame)
    {
        var (result, events) = Parse(_parser, frame);
        Assert.Equal(FrameKind.Rejected, result.Kind);
        Assert.Equal(RejectReason.WrongType, result.Reason);
        Assert.Empty(events);
    }

    // ---- instruments and numbers ----

    [Theory]
    [InlineData("DOGE-USD")]
    [InlineData("SOL-USD")] // registered for another venue only
    [InlineData("btc-usd")] // product ids are case-sensitive
    [InlineData("BTC-USDC")]
    public void Unknown_products_are_rejected_with_their_sequence(string product)
    {
        AssertReject(L2("update", product, Level("bid", "1.00", "1")), RejectReason.UnknownInstrument);
        AssertReject(Trades(Trade("1", product, "1.00", "1", "BUY")), RejectReason.UnknownInstrument);
        AssertReject(Ticker($"\"product_id\":\"{product}\",\"price\":\"1.00\""), RejectReason.UnknownInstrument);
    }

    [Fact]
    public void One_unknown_product_rejects_the_whole_frame()
    {
        var events = $"[{L2Event("update", "BTC-USD", Level("bid", "1.00", "1"))},{L2Event("update", "DOGE-USD", Level("bid", "1.00", "1"))}]";
        AssertReject(Envelope("l2_data", events), RejectReason.UnknownInstrument);
    }

    [Fact]
    public void Escaped_product_ids_resolve()
    {
        var (_, events) = Parse(_parser, L2("update", "BTC\\u002DUSD", Level("bid", "1.00", "1")));
        Assert.Equal(_btc, Assert.Single(events).InstrumentId);
    }

    [Fact]
    public void Precision_finer_than_the_instrument_is_misaligned()
    {
        AssertReject(L2("update", "BTC-USD", Level("bid", "68900.001", "1")), RejectReason.TickMisaligned);
        AssertReject(L2("update", "BTC-USD", Level("bid", "68900.00", "0.000000001")), RejectReason.StepMisaligned);
        AssertReject(Trades(Trade("1", "BTC-USD", "68900.005", "1", "BUY")), RejectReason.TickMisaligned);
        AssertReject(Trades(Trade("1", "BTC-USD", "68900.00", "1.123456789", "BUY")), RejectReason.StepMisaligned);
        AssertReject(Ticker("\"product_id\":\"BTC-USD\",\"best_ask\":\"1.001\""), RejectReason.TickMisaligned);
        AssertReject(Ticker("\"product_id\":\"BTC-USD\",\"best_bid_quantity\":\"0.123456789\""), RejectReason.StepMisaligned);
    }

    [Fact]
    public void Trailing_zeros_beyond_the_scale_are_fine_and_their_decimals_are_kept()
    {
        var (_, events) = Parse(_parser, L2("update", "BTC-USD", Level("bid", "68900.1000", "1.0000000000")));
        var e = Assert.Single(events);
        Assert.Equal((6_890_010L, 100_000_000L), (e.Price, e.Quantity));
        Assert.Equal((4, 10), (e.PriceDecimals, e.QuantityDecimals));
    }

    [Fact]
    public void Ticker_volume_finer_than_the_quantity_scale_is_truncated()
    {
        var (_, events) = Parse(_parser, Ticker("\"product_id\":\"BTC-USD\",\"volume_24_h\":\"16038.2877093899\""));
        Assert.Equal(1_603_828_770_938, Assert.Single(events).Volume);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("")]
    [InlineData("1,5")]
    [InlineData("1.2.3")]
    [InlineData("99999999999999999999")]
    [InlineData("--1")]
    [InlineData("\\u0031")]
    public void Non_numbers_are_bad_numbers(string text)
    {
        AssertReject(L2("update", "BTC-USD", Level("bid", text, "1")), RejectReason.BadNumber);
        AssertReject(L2("update", "BTC-USD", Level("bid", "1.00", text)), RejectReason.BadNumber);
        AssertReject(Trades(Trade("1", "BTC-USD", text, "1", "BUY")), RejectReason.BadNumber);
    }

    [Theory]
    [InlineData("2023-06-23 20:31:56.121961769 +0000 UTC m=+91717.525857105")]
    [InlineData("yesterday")]
    [InlineData("2023-02-30T00:00:00Z")]
    public void Unparseable_timestamps_are_bad_numbers(string text)
    {
        AssertReject(L2("update", "BTC-USD", Level("bid", "1.00", "1")).Replace("\"timestamp\":\"2026-04-07T14:30:01.5Z\"", $"\"timestamp\":\"{text}\""), RejectReason.BadNumber);
        AssertReject(Trades(Trade("1", "BTC-USD", "1.00", "1", "BUY").Replace("2026-04-07T14:30:01Z", text)), RejectReason.BadNumber);
    }

    [Fact]
    public void Level_event_time_is_not_interpreted()
    {
        var frame = L2("update", "BTC-USD", Level("bid", "1.00", "1")).Replace("\"event_time\":\"2026-04-07T14:30:01.5Z\"", "\"event_time\":\"whenever\"");
        Assert.Equal(ParseResult.Data(9), Parse(_parser, frame).Result);
    }

    [Fact]
    public void Unknown_keys_are_skipped()
    {
        var frame = L2("update", "BTC-USD", Level("bid", "1.00", "1"))
            .Replace("\"client_id\":\"\"", "\"client_id\":\"\",\"extra\":{\"a\":[1,{\"b\":null}]},\"more\":[[]]");
        Assert.Equal(ParseResult.Data(9), Parse(_parser, frame).Result);
    }
}

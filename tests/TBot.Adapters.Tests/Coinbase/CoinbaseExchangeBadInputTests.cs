using TBot.Adapters.Coinbase;
using TBot.Adapters.Ingress;
using TBot.Engine.Events;
using TBot.Engine.Instruments;
using TBot.Engine.Validation;
using static TBot.Adapters.Tests.Coinbase.CoinbaseTestSupport;

namespace TBot.Adapters.Tests.Coinbase;

/// <summary>Section C of the format doc (the parts that concern parsing) and schema errors, Exchange feed.</summary>
public class CoinbaseExchangeBadInputTests
{
    private readonly InstrumentRegistry _registry = Registry();
    private readonly CoinbaseExchangeParser _parser;
    private readonly int _btc;

    public CoinbaseExchangeBadInputTests()
    {
        _parser = new CoinbaseExchangeParser(_registry);
        _btc = Id(_registry, "BTC-USD");
    }

    private static string L2Update(string changes, string product = "BTC-USD") =>
        $$"""{"type":"l2update","product_id":"{{product}}","changes":[{{changes}}],"time":"2022-08-04T15:25:05.010758Z"}""";

    private static string Match(string price = "400.23", string size = "5.23512", string side = "sell", string product = "BTC-USD") =>
        $$"""{"type":"match","trade_id":10,"sequence":50,"time":"2014-11-07T08:19:27.028459Z","product_id":"{{product}}","size":"{{size}}","price":"{{price}}","side":"{{side}}"}""";

    private void AssertReject(string frame, RejectReason reason)
    {
        var (result, events) = Parse(_parser, frame);
        Assert.Equal(ParseResult.Reject(reason), result);
        Assert.Empty(events);
    }

    // ---- side vocabulary ----

    [Theory]
    [InlineData("bid")]
    [InlineData("BUY")]
    [InlineData("Sell")]
    [InlineData("offer")]
    [InlineData("")]
    public void Unknown_change_side_is_malformed(string side) =>
        AssertReject(L2Update($"""["buy","1.00","1"],["{side}","2.00","1"]"""), RejectReason.MalformedJson);

    [Theory]
    [InlineData("BUY")]
    [InlineData("SELL")]
    [InlineData("ask")]
    public void Unknown_match_or_ticker_side_is_malformed(string side)
    {
        AssertReject(Match(side: side), RejectReason.MalformedJson);
        AssertReject($$"""{"type":"ticker","product_id":"BTC-USD","price":"1.00","side":"{{side}}"}""", RejectReason.MalformedJson);
    }

    // ---- empty arrays ----

    [Fact]
    public void Empty_changes_still_emit_one_event()
    {
        var (result, events) = Parse(_parser, L2Update(""));

        Assert.Equal(ParseResult.Data(), result);
        var e = Assert.Single(events);
        Assert.Equal((MarketEventKind.BookDelta, Side.None, 0L), (e.Kind, e.Side, e.Quantity));
        Assert.Equal(EventFlags.FirstInMessage | EventFlags.LastInMessage, e.Flags);
        Assert.Equal(_btc, e.InstrumentId);
        Assert.Equal(UnixNs(2022, 8, 4, 15, 25, 5, 10_758_000), e.ExchangeTimeNs);
    }

    [Fact]
    public void Empty_snapshot_emits_one_snapshot_event_meaning_an_empty_book()
    {
        var (_, events) = Parse(_parser, """{"type":"snapshot","product_id":"BTC-USD","bids":[],"asks":[]}""");

        var e = Assert.Single(events);
        Assert.Equal((MarketEventKind.BookSnapshotLevel, Side.None), (e.Kind, e.Side));
        Assert.Equal(EventFlags.FirstInMessage | EventFlags.LastInMessage, e.Flags);
    }

    [Fact]
    public void One_sided_snapshot_brackets_its_levels()
    {
        var (_, events) = Parse(_parser, """{"type":"snapshot","product_id":"BTC-USD","bids":[],"asks":[["2.00","1"],["3.00","1"]]}""");

        Assert.Equal(new[] { Side.Sell, Side.Sell }, events.Select(e => e.Side).ToArray());
        Assert.Equal(new[] { EventFlags.FirstInMessage, EventFlags.LastInMessage }, events.Select(e => e.Flags).ToArray());
    }

    [Fact]
    public void Snapshot_levels_with_extra_elements_are_read()
    {
        var (_, events) = Parse(_parser, """{"type":"snapshot","product_id":"BTC-USD","bids":[["1.00","1","ac928c66",{"x":[1]}]],"asks":[["2.00","2",3]]}""");

        Assert.Equal(new[] { 100L, 200L }, events.Select(e => e.Price).ToArray());
    }

    [Fact]
    public void Huge_snapshot_is_one_message()
    {
        var bids = string.Join(",", Enumerable.Range(1, 3_000).Select(i => $"[\"{50_000 - i}.{i % 100:00}\",\"0.{i:00000000}\"]"));
        var asks = string.Join(",", Enumerable.Range(1, 3_000).Select(i => $"[\"{60_000 + i}.{i % 100:00}\",\"{i}\"]"));
        var batch = new EventBatch(8);
        var result = _parser.Parse(Utf8($$"""{"type":"snapshot","product_id":"BTC-USD","bids":[{{bids}}],"asks":[{{asks}}]}"""), ReceiveTime, batch);

        Assert.Equal(ParseResult.Data(), result);
        Assert.Equal(6_000, batch.Count);
        Assert.Equal(EventFlags.FirstInMessage, batch[0].Flags);
        Assert.Equal(EventFlags.LastInMessage, batch[5_999].Flags);
        Assert.Equal(3_000, batch.AsSpan().ToArray().Count(e => e.Side == Side.Buy));
        Assert.Equal((Side.Sell, 6_300_000L, 300_000_000_000L), (batch[5_999].Side, batch[5_999].Price, batch[5_999].Quantity));
    }

    // ---- missing fields ----

    public static TheoryData<string> MissingFields => new()
    {
        """{"product_id":"BTC-USD","changes":[]}""",
        """{"type":"l2update","changes":[["buy","1.00","1"]]}""",
        """{"type":"l2update","product_id":"BTC-USD"}""",
        """{"type":"l2update","product_id":"BTC-USD","changes":[["buy","1.00"]]}""",
        """{"type":"l2update","product_id":"BTC-USD","changes":[["buy"]]}""",
        """{"type":"l2update","product_id":"BTC-USD","changes":[[]]}""",
        """{"type":"l2update","product_id":"BTC-USD","changes":[[null,"1.00","1"]]}""",
        """{"type":"snapshot","product_id":"BTC-USD","bids":[]}""",
        """{"type":"snapshot","product_id":"BTC-USD","asks":[]}""",
        """{"type":"snapshot","product_id":"BTC-USD","bids":[["1.00"]],"asks":[]}""",
        """{"type":"ticker","price":"1.00"}""",
        """{"type":"match","trade_id":1,"size":"1","side":"buy","product_id":"BTC-USD"}""",
        """{"type":"match","trade_id":1,"price":"1.00","side":"buy","product_id":"BTC-USD"}""",
        """{"type":"match","trade_id":1,"price":"1.00","size":"1","product_id":"BTC-USD"}""",
        """{"type":"match","trade_id":1,"price":"1.00","size":"1","side":"buy"}""",
    };

    [Theory]
    [MemberData(nameof(MissingFields))]
    public void Missing_required_fields(string frame) => AssertReject(frame, RejectReason.MissingField);

    [Fact]
    public void L2update_without_time_has_no_exchange_time()
    {
        var (_, events) = Parse(_parser, """{"type":"l2update","product_id":"BTC-USD","changes":[["sell","1.00","1"]]}""");
        Assert.Equal(0, Assert.Single(events).ExchangeTimeNs);
    }

    [Fact]
    public void Match_without_time_or_trade_id_is_accepted()
    {
        var (_, events) = Parse(_parser, """{"type":"match","price":"1.00","size":"1","side":"sell","product_id":"BTC-USD"}""");
        var e = Assert.Single(events);
        Assert.Equal((0L, 0L, 0L), (e.TradeId, e.UpdateId, e.ExchangeTimeNs));
    }

    [Theory]
    [InlineData("status")]
    [InlineData("open")]
    [InlineData("done")]
    [InlineData("received")]
    [InlineData("Match")]
    public void Unknown_types_are_unknown_messages(string type) =>
        AssertReject($$"""{"type":"{{type}}","product_id":"BTC-USD","sequence":1}""", RejectReason.UnknownMessage);

    // ---- type variance ----

    [Fact]
    public void Trade_id_as_a_numeric_string_is_tolerated() =>
        Assert.Equal(10, Assert.Single(Parse(_parser, Match().Replace("\"trade_id\":10", "\"trade_id\":\"10\"")).Events).TradeId);

    [Fact]
    public void Zero_quantity_spellings_remove_levels()
    {
        var (_, events) = Parse(_parser, L2Update("""["buy","1.00","0"],["sell","2.00","0.00000000"]"""));
        Assert.All(events, e => Assert.Equal(0, e.Quantity));
    }

    // ---- sequences (per product; gaps are detected downstream) ----

    [Fact]
    public void Per_product_sequences_surface_as_update_ids_including_gaps_and_reordering()
    {
        foreach (var sequence in new long[] { 50, 52, 51, 9_000_000_000 })
        {
            var (result, events) = Parse(_parser, Match().Replace("\"sequence\":50", $"\"sequence\":{sequence}"));
            Assert.Equal(ParseResult.NoSequence, result.ConnectionSequence);
            Assert.Equal(sequence, Assert.Single(events).UpdateId);
        }
    }

    // ---- reordered keys ----

    [Fact]
    public void Reordered_keys_give_the_same_events()
    {
        var update = Parse(_parser, CoinbaseFrames.ExL2Update).Events;
        Assert.Equal(update, Parse(_parser, """{"time":"2022-08-04T15:25:05.010758Z","changes":[["buy","22356.270000","0.00000000"],["buy","22356.300000","1.00000000"]],"product_id":"BTC-USD","type":"l2update"}""").Events);
        Assert.Equal(update, Parse(_parser, """{"type":"l2update","changes":[["buy","22356.270000","0.00000000"],["buy","22356.300000","1.00000000"]],"time":"2022-08-04T15:25:05.010758Z","product_id":"BTC-USD"}""").Events);
        Assert.Equal(update, Parse(_parser, """{"product_id":"BTC-USD","changes":[["buy","22356.270000","0.00000000"],["buy","22356.300000","1.00000000"]],"type":"l2update","time":"2022-08-04T15:25:05.010758Z"}""").Events);

        var snapshot = Parse(_parser, CoinbaseFrames.ExSnapshot).Events;
        Assert.Equal(snapshot, Parse(_parser, """{"bids":[["10101.10","0.45054140"]],"asks":[["10102.55","0.57753524"]],"product_id":"BTC-USD","type":"snapshot"}""").Events);
        Assert.Equal(snapshot, Parse(_parser, """{"type":"snapshot","bids":[["10101.10","0.45054140"]],"product_id":"BTC-USD","asks":[["10102.55","0.57753524"]]}""").Events);

        var match = Parse(_parser, CoinbaseFrames.ExMatch).Events;
        Assert.Equal(match, Parse(_parser, """{"side":"sell","price":"400.23","size":"5.23512","product_id":"BTC-USD","time":"2014-11-07T08:19:27.028459Z","taker_order_id":"132fb6ae-456b-4654-b4e0-d681ac05cea1","maker_order_id":"ac928c66-ca53-498f-9c13-a110027a60e8","sequence":50,"trade_id":10,"type":"match"}""").Events);

        var ticker = Parse(_parser, CoinbaseFrames.ExTicker).Events;
        Assert.Equal(ticker, Parse(_parser, """{"last_size":"11.4396987","trade_id":370843401,"time":"2022-10-19T23:28:22.061769Z","side":"buy","best_ask_size":"1.56637040","best_ask":"1285.27","best_bid_size":"0.46688654","best_bid":"1285.04","volume_30d":"9788783.60117027","high_24h":"1313.8","low_24h":"1280.52","volume_24h":"245532.79269678","open_24h":"1310.79","price":"1285.22","product_id":"ETH-USD","sequence":37475248783,"type":"ticker"}""").Events);
    }

    [Fact]
    public void Book_arrays_of_another_message_type_are_ignored()
    {
        var (_, events) = Parse(_parser, """{"type":"l2update","product_id":"BTC-USD","bids":[["9.00","9"]],"changes":[["buy","1.00","1"]]}""");
        Assert.Equal(100, Assert.Single(events).Price);
    }

    // ---- malformed and truncated ----

    [Theory]
    [InlineData(CoinbaseFrames.ExL2Update)]
    [InlineData(CoinbaseFrames.ExMatch)]
    [InlineData(CoinbaseFrames.ExSnapshot)]
    public void Every_truncation_is_malformed(string json)
    {
        var frame = Utf8(json);
        var batch = new EventBatch(4);
        batch.Add().TradeId = 1;
        for (var length = 0; length < frame.Length - 1; length++)
        {
            Assert.Equal(ParseResult.Reject(RejectReason.MalformedJson), _parser.Parse(frame.AsSpan(0, length), ReceiveTime, batch));
            Assert.Equal(1, batch.Count);
        }
    }

    [Theory]
    [InlineData("{\"type\":\"match\",}")]
    [InlineData("{\"type\":\"l2update\",\"product_id\":\"BTC-USD\",\"changes\":[[\"buy\",\"1.00\",\"1\"],]}")]
    [InlineData("{\"type\":\"heartbeat\"} {}")]
    [InlineData("{type:\"heartbeat\"}")]
    public void Invalid_json_is_malformed(string frame) => AssertReject(frame, RejectReason.MalformedJson);

    [Theory]
    [InlineData("[]")]
    [InlineData("true")]
    public void Non_object_frames_are_wrong_type(string frame) => AssertReject(frame, RejectReason.WrongType);

    // ---- wrong types ----

    public static TheoryData<string> WrongTypes => new()
    {
        """{"type":1}""",
        """{"type":null,"product_id":"BTC-USD","changes":[]}""",
        """{"type":"match","trade_id":10,"sequence":"50","product_id":"BTC-USD","size":"1","price":"1.00","side":"sell"}""",
        """{"type":"match","trade_id":{"id":10},"product_id":"BTC-USD","size":"1","price":"1.00","side":"sell"}""",
        """{"type":"match","trade_id":1.5,"product_id":"BTC-USD","size":"1","price":"1.00","side":"sell"}""",
        """{"type":"match","product_id":"BTC-USD","size":"1","price":400.23,"side":"sell"}""",
        """{"type":"match","product_id":"BTC-USD","size":1,"price":"1.00","side":"sell"}""",
        """{"type":"match","product_id":"BTC-USD","size":"1","price":"1.00","side":true}""",
        """{"type":"match","product_id":"BTC-USD","size":"1","price":"1.00","side":"sell","time":1415348367}""",
        """{"type":"match","product_id":7,"size":"1","price":"1.00","side":"sell"}""",
        """{"type":"l2update","product_id":"BTC-USD","changes":{}}""",
        """{"type":"l2update","product_id":"BTC-USD","changes":[{"side":"buy"}]}""",
        """{"type":"l2update","product_id":"BTC-USD","changes":[["buy",1.0,"1"]]}""",
        """{"type":"l2update","changes":[["buy","1.00",1]],"product_id":"BTC-USD"}""",
        """{"type":"l2update","product_id":"BTC-USD","changes":[[1,"1.00","1"]]}""",
        """{"type":"snapshot","product_id":"BTC-USD","bids":"none","asks":[]}""",
        """{"type":"snapshot","product_id":"BTC-USD","bids":[],"asks":[[10102.55,"1"]]}""",
        """{"type":"ticker","product_id":"BTC-USD","best_bid":1285.04}""",
        """{"type":"ticker","product_id":"BTC-USD","volume_24h":[]}""",
    };

    [Theory]
    [MemberData(nameof(WrongTypes))]
    public void Wrong_json_types(string frame) => AssertReject(frame, RejectReason.WrongType);

    // ---- instruments and numbers ----

    [Theory]
    [InlineData("DOGE-USD")]
    [InlineData("SOL-USD")]
    [InlineData("eth-usd")]
    public void Unknown_products_are_rejected(string product)
    {
        AssertReject(L2Update("""["buy","1.00","1"]""", product), RejectReason.UnknownInstrument);
        AssertReject(Match(product: product), RejectReason.UnknownInstrument);
        AssertReject($$"""{"type":"snapshot","product_id":"{{product}}","bids":[],"asks":[]}""", RejectReason.UnknownInstrument);
        AssertReject($$"""{"type":"ticker","product_id":"{{product}}","price":"1.00"}""", RejectReason.UnknownInstrument);
        AssertReject($$"""{"bids":[],"asks":[],"type":"snapshot","product_id":"{{product}}"}""", RejectReason.UnknownInstrument);
    }

    [Fact]
    public void Heartbeats_for_any_product_are_control_frames() =>
        Assert.Equal(ParseResult.ControlFrame(ControlKind.Heartbeat), Parse(_parser, CoinbaseFrames.ExHeartbeat.Replace("BTC-USD", "DOGE-USD")).Result);

    [Fact]
    public void Precision_finer_than_the_instrument_is_misaligned()
    {
        AssertReject(L2Update("""["buy","22356.275000","1"]"""), RejectReason.TickMisaligned);
        AssertReject(L2Update("""["buy","22356.27","0.000000001"]"""), RejectReason.StepMisaligned);
        AssertReject("""{"type":"snapshot","product_id":"BTC-USD","bids":[["10101.101","1"]],"asks":[]}""", RejectReason.TickMisaligned);
        AssertReject(Match(price: "400.235"), RejectReason.TickMisaligned);
        AssertReject(Match(size: "5.235120001"), RejectReason.StepMisaligned);
        AssertReject("""{"type":"ticker","product_id":"BTC-USD","best_bid":"1.001"}""", RejectReason.TickMisaligned);
        AssertReject("""{"type":"ticker","product_id":"BTC-USD","best_ask_size":"1.000000001"}""", RejectReason.StepMisaligned);
    }

    [Theory]
    [InlineData("x")]
    [InlineData("")]
    [InlineData("1.0.0")]
    [InlineData("NaN")]
    [InlineData("12345678901234567890")]
    public void Non_numbers_are_bad_numbers(string text)
    {
        AssertReject(L2Update($"""["buy","{text}","1"]"""), RejectReason.BadNumber);
        AssertReject(Match(size: text), RejectReason.BadNumber);
        AssertReject($$"""{"type":"ticker","product_id":"BTC-USD","price":"{{text}}"}""", RejectReason.BadNumber);
    }

    [Theory]
    [InlineData("2023-07-04")]
    [InlineData("2023-07-04T18:14:39+0000")]
    [InlineData("1415348367")]
    public void Unparseable_times_are_bad_numbers(string text)
    {
        AssertReject(L2Update("""["buy","1.00","1"]""").Replace("2022-08-04T15:25:05.010758Z", text), RejectReason.BadNumber);
        AssertReject(Match().Replace("2014-11-07T08:19:27.028459Z", text), RejectReason.BadNumber);
    }
}

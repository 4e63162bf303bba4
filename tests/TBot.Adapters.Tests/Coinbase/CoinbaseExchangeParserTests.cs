using TBot.Adapters.Coinbase;
using TBot.Adapters.Ingress;
using TBot.Engine.Events;
using TBot.Engine.Instruments;
using TBot.Engine.Validation;
using static TBot.Adapters.Tests.Coinbase.CoinbaseTestSupport;

namespace TBot.Adapters.Tests.Coinbase;

/// <summary>The Exchange-feed examples of the format doc, parsed.</summary>
public class CoinbaseExchangeParserTests
{
    private readonly InstrumentRegistry _registry = Registry();
    private readonly CoinbaseExchangeParser _parser;
    private readonly int _btc;
    private readonly int _eth;

    public CoinbaseExchangeParserTests()
    {
        _parser = new CoinbaseExchangeParser(_registry, connectionId: 3);
        _btc = Id(_registry, "BTC-USD");
        _eth = Id(_registry, "ETH-USD");
    }

    private void AssertCommon(in MarketEvent e, MarketEventKind kind, int instrumentId)
    {
        Assert.Equal(kind, e.Kind);
        Assert.Equal(Venue.Coinbase, e.Venue);
        Assert.Equal(instrumentId, e.InstrumentId);
        Assert.Equal((ushort)3, e.ConnectionId);
        Assert.Equal(ReceiveTime, e.ReceiveTimeNs);
    }

    [Fact]
    public void Venue_is_coinbase() => Assert.Equal(Venue.Coinbase, _parser.Venue);

    [Fact]
    public void Snapshot_becomes_snapshot_levels()
    {
        var (result, events) = Parse(_parser, CoinbaseFrames.ExSnapshot);

        Assert.Equal(ParseResult.Data(), result);
        Assert.Equal(ParseResult.NoSequence, result.ConnectionSequence);
        Assert.Equal(2, events.Length);
        AssertCommon(events[0], MarketEventKind.BookSnapshotLevel, _btc);
        AssertCommon(events[1], MarketEventKind.BookSnapshotLevel, _btc);
        Assert.Equal((Side.Buy, 1_010_110L, 45_054_140L), (events[0].Side, events[0].Price, events[0].Quantity));
        Assert.Equal((Side.Sell, 1_010_255L, 57_753_524L), (events[1].Side, events[1].Price, events[1].Quantity));
        Assert.Equal(EventFlags.FirstInMessage, events[0].Flags);
        Assert.Equal(EventFlags.LastInMessage, events[1].Flags);
        Assert.All(events, e => Assert.Equal((0L, 0L, (byte)2, (byte)8), (e.UpdateId, e.ExchangeTimeNs, e.PriceDecimals, e.QuantityDecimals)));
    }

    [Fact]
    public void L2update_buy_changes_are_bid_deltas_with_the_message_time()
    {
        var (result, events) = Parse(_parser, CoinbaseFrames.ExL2Update);

        Assert.Equal(ParseResult.Data(), result);
        Assert.Equal(2, events.Length);
        var time = UnixNs(2022, 8, 4, 15, 25, 5, 10_758_000);
        foreach (var e in events)
        {
            AssertCommon(e, MarketEventKind.BookDelta, _btc);
            Assert.Equal(Side.Buy, e.Side);
            Assert.Equal(time, e.ExchangeTimeNs);
            Assert.Equal(0, e.UpdateId); // level2 carries no sequence
            Assert.Equal((6, 8), (e.PriceDecimals, e.QuantityDecimals));
        }
        Assert.Equal((2_235_627L, 0L, EventFlags.FirstInMessage), (events[0].Price, events[0].Quantity, events[0].Flags));
        Assert.Equal((2_235_630L, 100_000_000L, EventFlags.LastInMessage), (events[1].Price, events[1].Quantity, events[1].Flags));
    }

    [Fact]
    public void L2update_sell_change_with_a_time_without_fraction_or_zone()
    {
        var (result, events) = Parse(_parser, CoinbaseFrames.ExL2UpdateNoZone);

        Assert.Equal(ParseResult.Data(), result);
        var e = Assert.Single(events);
        AssertCommon(e, MarketEventKind.BookDelta, _btc);
        Assert.Equal((Side.Sell, 3_086_260L, 0L), (e.Side, e.Price, e.Quantity));
        Assert.Equal(EventFlags.FirstInMessage | EventFlags.LastInMessage, e.Flags);
        Assert.Equal(UnixNs(2023, 7, 4, 18, 14, 39), e.ExchangeTimeNs);
    }

    [Fact]
    public void Ticker_becomes_one_ticker_event_with_sequence_and_trade_id()
    {
        var (result, events) = Parse(_parser, CoinbaseFrames.ExTicker);

        Assert.Equal(ParseResult.Data(), result);
        var e = Assert.Single(events);
        AssertCommon(e, MarketEventKind.Ticker, _eth);
        Assert.Equal(37_475_248_783, e.UpdateId);
        Assert.Equal(370_843_401, e.TradeId);
        Assert.Equal(128_522, e.Price);
        Assert.Equal(128_504, e.Bid);
        Assert.Equal(46_688_654, e.BidSize);
        Assert.Equal(128_527, e.Ask);
        Assert.Equal(156_637_040, e.AskSize);
        Assert.Equal(24_553_279_269_678, e.Volume);
        Assert.Equal(Side.Buy, e.Side); // the ticker's side is the taker's
        Assert.Equal(UnixNs(2022, 10, 19, 23, 28, 22, 61_769_000), e.ExchangeTimeNs);
        Assert.Equal((2, 8), (e.PriceDecimals, e.QuantityDecimals));
    }

    [Fact]
    public void Subscribe_time_ticker_without_sizes_time_trade_id_or_side()
    {
        const string frame = """
            {"type":"ticker","sequence":37475248783,"product_id":"ETH-USD","price":"1285.22","open_24h":"1310.79","volume_24h":"245532.79269678","low_24h":"1280.52","high_24h":"1313.8","volume_30d":"9788783.60117027","best_bid":"1285.04","best_ask":"1285.27"}
            """;
        var (result, events) = Parse(_parser, frame);

        Assert.Equal(ParseResult.Data(), result);
        var e = Assert.Single(events);
        Assert.Equal((128_504L, 0L, 128_527L, 0L), (e.Bid, e.BidSize, e.Ask, e.AskSize));
        Assert.Equal((0L, 0L, Side.None), (e.TradeId, e.ExchangeTimeNs, e.Side));
        Assert.Equal(37_475_248_783, e.UpdateId);
    }

    [Fact]
    public void Match_side_is_the_makers_sell_means_the_taker_bought()
    {
        var (result, events) = Parse(_parser, CoinbaseFrames.ExMatch);

        Assert.Equal(ParseResult.Data(), result);
        var e = Assert.Single(events);
        AssertCommon(e, MarketEventKind.Trade, _btc);
        Assert.Equal(Side.Buy, e.Side);
        Assert.Equal(EventFlags.None, e.Flags);
        Assert.Equal(10, e.TradeId);
        Assert.Equal(50, e.UpdateId);
        Assert.Equal(40_023, e.Price);
        Assert.Equal(523_512_000, e.Quantity);
        Assert.Equal((2, 5), (e.PriceDecimals, e.QuantityDecimals));
        Assert.Equal(UnixNs(2014, 11, 7, 8, 19, 27, 28_459_000), e.ExchangeTimeNs);
    }

    [Fact]
    public void Match_without_sequence_buy_means_the_taker_sold()
    {
        var (result, events) = Parse(_parser, CoinbaseFrames.ExMatchNoSequence);

        Assert.Equal(ParseResult.Data(), result);
        var e = Assert.Single(events);
        AssertCommon(e, MarketEventKind.Trade, _btc);
        Assert.Equal(Side.Sell, e.Side);
        Assert.Equal(EventFlags.BuyerIsMaker, e.Flags);
        Assert.Equal(12_345_678, e.TradeId);
        Assert.Equal(0, e.UpdateId);
        Assert.Equal(6_875_010, e.Price);
        Assert.Equal(200_000, e.Quantity);
        Assert.Equal(UnixNs(2025, 10, 24, 8, 12, 34, 567_000_000), e.ExchangeTimeNs);
    }

    [Fact]
    public void Last_match_is_a_trade_too()
    {
        var (result, events) = Parse(_parser, CoinbaseFrames.ExMatch.Replace("\"type\": \"match\"", "\"type\": \"last_match\""));

        Assert.Equal(ParseResult.Data(), result);
        Assert.Equal(MarketEventKind.Trade, Assert.Single(events).Kind);
    }

    [Fact]
    public void Heartbeat_is_a_control_frame_without_a_connection_sequence()
    {
        var (result, events) = Parse(_parser, CoinbaseFrames.ExHeartbeat);

        Assert.Equal(ParseResult.ControlFrame(ControlKind.Heartbeat), result);
        Assert.Equal(ParseResult.NoSequence, result.ConnectionSequence);
        Assert.Empty(events);
    }

    [Fact]
    public void Subscriptions_is_an_ack()
    {
        var (result, events) = Parse(_parser, CoinbaseFrames.ExSubscriptions);

        Assert.Equal(ParseResult.ControlFrame(ControlKind.SubscriptionAck), result);
        Assert.Empty(events);
    }

    [Fact]
    public void Client_subscribe_message_is_an_unknown_message()
    {
        var (result, events) = Parse(_parser, CoinbaseFrames.ExSubscribe);

        Assert.Equal(ParseResult.Reject(RejectReason.UnknownMessage), result);
        Assert.Empty(events);
    }

    [Fact]
    public void Error_is_a_venue_error()
    {
        var (result, events) = Parse(_parser, CoinbaseFrames.ExError);

        Assert.Equal(new ParseResult(FrameKind.Rejected, RejectReason.VenueError, ControlKind.Error, ParseResult.NoSequence), result);
        Assert.Empty(events);
    }
}

using TBot.Adapters.Coinbase;
using TBot.Adapters.Ingress;
using TBot.Engine.Events;
using TBot.Engine.Instruments;
using TBot.Engine.Validation;
using static TBot.Adapters.Tests.Coinbase.CoinbaseTestSupport;

namespace TBot.Adapters.Tests.Coinbase;

/// <summary>The Advanced Trade examples of the format doc, parsed.</summary>
public class CoinbaseAdvancedTradeParserTests
{
    private readonly InstrumentRegistry _registry = Registry();
    private readonly CoinbaseAdvancedTradeParser _parser;
    private readonly int _btc;
    private readonly int _eth;

    public CoinbaseAdvancedTradeParserTests()
    {
        _parser = new CoinbaseAdvancedTradeParser(_registry, connectionId: 7);
        _btc = Id(_registry, "BTC-USD");
        _eth = Id(_registry, "ETH-USD");
    }

    private void AssertCommon(in MarketEvent e, MarketEventKind kind, int instrumentId)
    {
        Assert.Equal(kind, e.Kind);
        Assert.Equal(Venue.Coinbase, e.Venue);
        Assert.Equal(instrumentId, e.InstrumentId);
        Assert.Equal((ushort)7, e.ConnectionId);
        Assert.Equal(ReceiveTime, e.ReceiveTimeNs);
    }

    private static void AssertLevel(in MarketEvent e, Side side, long price, long quantity, EventFlags flags)
    {
        Assert.Equal(side, e.Side);
        Assert.Equal(price, e.Price);
        Assert.Equal(quantity, e.Quantity);
        Assert.Equal(flags, e.Flags);
    }

    [Fact]
    public void Venue_is_coinbase() => Assert.Equal(Venue.Coinbase, _parser.Venue);

    [Fact]
    public void L2_snapshot_becomes_snapshot_levels_bracketed_as_one_message()
    {
        var (result, events) = Parse(_parser, CoinbaseFrames.AtL2Snapshot);

        Assert.Equal(ParseResult.Data(0), result);
        Assert.Equal(6, events.Length);
        var time = UnixNs(2026, 4, 7, 14, 30, 0, 123_456_000);
        foreach (var e in events)
        {
            AssertCommon(e, MarketEventKind.BookSnapshotLevel, _btc);
            Assert.Equal(time, e.ExchangeTimeNs);
            Assert.Equal(0, e.UpdateId);
            Assert.Equal(0, e.FirstUpdateId);
            Assert.Equal(2, e.PriceDecimals);
            Assert.Equal(8, e.QuantityDecimals);
        }
        AssertLevel(events[0], Side.Buy, 6_890_000, 150_000_000, EventFlags.FirstInMessage);
        AssertLevel(events[1], Side.Buy, 6_889_950, 75_000_000, EventFlags.None);
        AssertLevel(events[2], Side.Buy, 6_889_900, 230_000_000, EventFlags.None);
        AssertLevel(events[3], Side.Sell, 6_890_100, 50_000_000, EventFlags.None);
        AssertLevel(events[4], Side.Sell, 6_890_150, 120_000_000, EventFlags.None);
        AssertLevel(events[5], Side.Sell, 6_890_200, 80_000_000, EventFlags.LastInMessage);
    }

    [Fact]
    public void L2_update_becomes_deltas_with_the_envelope_sequence_and_a_removal()
    {
        var (result, events) = Parse(_parser, CoinbaseFrames.AtL2Update);

        Assert.Equal(ParseResult.Data(1), result);
        Assert.Equal(2, events.Length);
        var time = UnixNs(2026, 4, 7, 14, 30, 1, 456_789_000);
        foreach (var e in events)
        {
            AssertCommon(e, MarketEventKind.BookDelta, _btc);
            Assert.Equal(time, e.ExchangeTimeNs);
            Assert.Equal(1, e.UpdateId);
            Assert.Equal(1, e.FirstUpdateId);
        }
        AssertLevel(events[0], Side.Buy, 6_890_000, 200_000_000, EventFlags.FirstInMessage);
        AssertLevel(events[1], Side.Sell, 6_890_100, 0, EventFlags.LastInMessage);
    }

    [Fact]
    public void Official_l2_snapshot_with_placeholder_event_times_and_unpadded_decimals()
    {
        var (result, events) = Parse(_parser, CoinbaseFrames.AtL2SnapshotOfficial);

        Assert.Equal(ParseResult.Data(0), result);
        Assert.Equal(2, events.Length);
        // The envelope timestamp, to the nanosecond, not the 1970 placeholder event_time.
        var time = UnixNs(2023, 2, 9, 20, 32, 50, 714_964_855);
        Assert.All(events, e => Assert.Equal(time, e.ExchangeTimeNs));
        AssertLevel(events[0], Side.Buy, 2_192_173, 6_317_902, EventFlags.FirstInMessage);
        Assert.Equal((2, 8), (events[0].PriceDecimals, events[0].QuantityDecimals));
        AssertLevel(events[1], Side.Buy, 2_192_130, 2_000_000, EventFlags.LastInMessage);
        Assert.Equal((1, 2), (events[1].PriceDecimals, events[1].QuantityDecimals));
    }

    [Fact]
    public void Ticker_becomes_one_ticker_event_with_top_of_book_last_and_volume()
    {
        var (result, events) = Parse(_parser, CoinbaseFrames.AtTicker);

        Assert.Equal(ParseResult.Data(12), result);
        var e = Assert.Single(events);
        AssertCommon(e, MarketEventKind.Ticker, _btc);
        Assert.Equal(6_890_050, e.Price);
        Assert.Equal(6_890_000, e.Bid);
        Assert.Equal(150_000_000, e.BidSize);
        Assert.Equal(6_890_100, e.Ask);
        Assert.Equal(50_000_000, e.AskSize);
        Assert.Equal(1_532_812_345_678, e.Volume);
        Assert.Equal(UnixNs(2026, 4, 7, 14, 30, 3), e.ExchangeTimeNs);
        Assert.Equal(12, e.UpdateId);
        Assert.Equal(2, e.PriceDecimals);
        Assert.Equal(8, e.QuantityDecimals);
        Assert.Equal(Side.None, e.Side);
        Assert.Equal(EventFlags.None, e.Flags);
    }

    [Fact]
    public void Official_ticker_example()
    {
        var (result, events) = Parse(_parser, CoinbaseFrames.AtTickerOfficial);

        Assert.Equal(ParseResult.Data(0), result);
        var e = Assert.Single(events);
        AssertCommon(e, MarketEventKind.Ticker, _btc);
        Assert.Equal(2_193_298, e.Price);
        Assert.Equal(2_193_198, e.Bid);
        Assert.Equal(800_021_000_000, e.BidSize);
        Assert.Equal(2_193_398, e.Ask);
        Assert.Equal(803_807_770_938, e.AskSize);
        Assert.Equal(1_603_828_770_938, e.Volume);
        Assert.Equal(UnixNs(2023, 2, 9, 20, 30, 37, 167_359_596), e.ExchangeTimeNs);
    }

    [Fact]
    public void Market_trades_side_is_the_makers_so_the_aggressor_is_the_opposite()
    {
        var (result, events) = Parse(_parser, CoinbaseFrames.AtMarketTrades);

        Assert.Equal(ParseResult.Data(5), result);
        Assert.Equal(2, events.Length);
        AssertCommon(events[0], MarketEventKind.Trade, _btc);
        AssertCommon(events[1], MarketEventKind.Trade, _btc);

        // "BUY": the maker bought, so the aggressor sold.
        Assert.Equal(995_098_700, events[0].TradeId);
        Assert.Equal(Side.Sell, events[0].Side);
        Assert.Equal(EventFlags.BuyerIsMaker, events[0].Flags);
        Assert.Equal(6_890_050, events[0].Price);
        Assert.Equal(150_000, events[0].Quantity);
        Assert.Equal(UnixNs(2026, 4, 7, 14, 30, 2, 789_012_000), events[0].ExchangeTimeNs);

        // "SELL": the maker sold, so the aggressor bought.
        Assert.Equal(995_098_701, events[1].TradeId);
        Assert.Equal(Side.Buy, events[1].Side);
        Assert.Equal(EventFlags.None, events[1].Flags);
        Assert.Equal(6_890_000, events[1].Price);
        Assert.Equal(5_000_000, events[1].Quantity);
        Assert.Equal(UnixNs(2026, 4, 7, 14, 30, 2, 800_000_000), events[1].ExchangeTimeNs);
        Assert.All(events, e => Assert.Equal(5, e.UpdateId));
    }

    [Fact]
    public void Official_market_trades_snapshot_with_placeholder_trade_id()
    {
        var (result, events) = Parse(_parser, CoinbaseFrames.AtMarketTradesOfficial);

        Assert.Equal(ParseResult.Data(0), result);
        var e = Assert.Single(events);
        AssertCommon(e, MarketEventKind.Trade, _eth);
        Assert.Equal(0, e.TradeId); // "000000000"
        Assert.Equal(126_001, e.Price);
        Assert.Equal(30_000_000, e.Quantity);
        Assert.Equal((2, 1), (e.PriceDecimals, e.QuantityDecimals));
        Assert.Equal(Side.Sell, e.Side);
        Assert.Equal(UnixNs(2019, 8, 14, 20, 42, 27, 265_000_000), e.ExchangeTimeNs);
    }

    [Fact]
    public void Market_trades_snapshot_is_emitted_oldest_first()
    {
        const string frame = """
            {"channel":"market_trades","client_id":"","timestamp":"2026-04-07T14:30:05Z","sequence_num":3,"events":[{"type":"snapshot","trades":[
              {"trade_id":"3","product_id":"BTC-USD","price":"68900.00","size":"0.1","side":"BUY","time":"2026-04-07T14:30:04Z"},
              {"trade_id":"2","product_id":"BTC-USD","price":"68900.00","size":"0.1","side":"BUY","time":"2026-04-07T14:30:03Z"},
              {"trade_id":"1","product_id":"BTC-USD","price":"68900.00","size":"0.1","side":"BUY","time":"2026-04-07T14:30:02Z"}]}]}
            """;
        var (_, events) = Parse(_parser, frame);

        Assert.Equal(new long[] { 1, 2, 3 }, events.Select(e => e.TradeId).ToArray());
    }

    [Theory]
    [InlineData(CoinbaseFrames.AtHeartbeats)]
    [InlineData(CoinbaseFrames.AtHeartbeatsOfficial)] // heartbeat_counter as a string
    public void Heartbeats_are_control_frames_carrying_the_sequence(string frame)
    {
        var (result, events) = Parse(_parser, frame);

        Assert.Equal(ParseResult.ControlFrame(ControlKind.Heartbeat, 0), result);
        Assert.Empty(events);
    }

    [Theory]
    [InlineData(CoinbaseFrames.AtSubscriptionsHeartbeats, 0)] // no client_id
    [InlineData(CoinbaseFrames.AtSubscriptionsLevel2, 2)]
    public void Subscriptions_are_acks_carrying_the_sequence(string frame, long sequence)
    {
        var (result, events) = Parse(_parser, frame);

        Assert.Equal(ParseResult.ControlFrame(ControlKind.SubscriptionAck, sequence), result);
        Assert.Empty(events);
    }

    [Fact]
    public void Error_frame_is_a_venue_error()
    {
        var (result, events) = Parse(_parser, CoinbaseFrames.AtError);

        Assert.Equal(new ParseResult(FrameKind.Rejected, RejectReason.VenueError, ControlKind.Error, ParseResult.NoSequence), result);
        Assert.Empty(events);
    }

    [Theory]
    [InlineData(CoinbaseFrames.AtSubscribeLevel2)]
    [InlineData(CoinbaseFrames.AtSubscribeHeartbeats)]
    [InlineData(CoinbaseFrames.AtUnsubscribeTicker)]
    public void Client_subscribe_messages_are_not_server_frames(string frame)
    {
        // They have no sequence_num, which every server envelope carries.
        var (result, events) = Parse(_parser, frame);

        Assert.Equal(ParseResult.Reject(RejectReason.MissingField), result);
        Assert.Empty(events);
    }

    [Fact]
    public void Appends_after_events_already_in_the_batch()
    {
        var batch = new EventBatch(2);
        batch.Add().TradeId = 99;
        var result = _parser.Parse(Utf8(CoinbaseFrames.AtL2Update), ReceiveTime, batch);

        Assert.Equal(FrameKind.Data, result.Kind);
        Assert.Equal(3, batch.Count);
        Assert.Equal(99, batch[0].TradeId);
        Assert.Equal(EventFlags.None, batch[0].Flags);
        Assert.Equal(EventFlags.FirstInMessage, batch[1].Flags);
        Assert.Equal(EventFlags.LastInMessage, batch[2].Flags);
        Assert.Equal(0, batch[0].UpdateId); // the envelope stamp touches only this frame's events
    }
}

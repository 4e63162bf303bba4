using TBot.Engine.Events;
using TBot.Engine.Instruments;
using TBot.Engine.Orders;
using TBot.Engine.Risk;
using static TBot.Engine.Tests.Risk.RiskBed;

namespace TBot.Engine.Tests.Risk;

public class RiskCheckTests
{
    [Fact]
    public void Sane_orders_pass_without_limits()
    {
        var bed = new RiskBed();
        Assert.Equal(RiskRejectReason.None, bed.Check(bed.SmallBtcBuy()));
        Assert.Equal(RiskRejectReason.None, bed.Check(MarketOrder(1, bed.BtcId, Side.Sell, 5 * Btc)));
        Assert.Equal(RiskRejectReason.None, bed.Check(Limit(1, bed.EthId, Side.Sell, 300_001, 12_345)));
        Assert.Equal(RiskRejectReason.None, bed.Check(Limit(8, bed.SolId, Side.Buy, 99_000, 7)));
    }

    [Fact]
    public void Malformed_intents_are_invalid_orders()
    {
        var bed = new RiskBed();
        var good = bed.SmallBtcBuy();
        Assert.Equal(RiskRejectReason.InvalidOrder, bed.Check(good with { BotId = 0 }));
        Assert.Equal(RiskRejectReason.InvalidOrder, bed.Check(good with { BotId = 9 })); // capacity 8
        Assert.Equal(RiskRejectReason.InvalidOrder, bed.Check(good with { InstrumentId = 0 }));
        Assert.Equal(RiskRejectReason.InvalidOrder, bed.Check(good with { InstrumentId = 99 }));
        Assert.Equal(RiskRejectReason.InvalidOrder, bed.Check(good with { Side = Side.None }));
        Assert.Equal(RiskRejectReason.InvalidOrder, bed.Check(good with { Type = OrderType.None }));
        Assert.Equal(RiskRejectReason.InvalidOrder, bed.Check(good with { TimeInForce = (TimeInForce)9 }));
        Assert.Equal(RiskRejectReason.InvalidOrder, bed.Check(good with { Action = IntentAction.None }));
        Assert.Equal(RiskRejectReason.InvalidOrder, bed.Check(good with { Quantity = 0 }));
        Assert.Equal(RiskRejectReason.InvalidOrder, bed.Check(good with { Quantity = -100 }));
        Assert.Equal(RiskRejectReason.InvalidOrder, bed.Check(good with { Price = 0 }));
        Assert.Equal(RiskRejectReason.InvalidOrder, bed.Check(good with { Price = -10 }));
        Assert.Equal(RiskRejectReason.InvalidOrder, bed.Check(good with { Price = 5_000_005 })); // off the 0.10 tick
        Assert.Equal(RiskRejectReason.InvalidOrder, bed.Check(good with { Quantity = 1_050 }));  // off the 0.001 step

        // Just inside: on tick and step; a market order needs no price; ETH has no tick/step rules.
        Assert.Equal(RiskRejectReason.None, bed.Check(good with { Price = 5_000_010, Quantity = 1_100 }));
        Assert.Equal(RiskRejectReason.None, bed.Check(MarketOrder(1, bed.BtcId, Side.Buy, 100)));
        Assert.Equal(RiskRejectReason.None, bed.Check(Limit(1, bed.EthId, Side.Buy, 299_999, 1)));
    }

    [Fact]
    public void Max_order_quantity_is_per_instrument()
    {
        var bed = new RiskBed();
        bed.Risk.SetLimits(1, RiskLimits.Unlimited.WithInstrument(bed.BtcId, maxOrderQuantity: Btc / 2, maxPositionQuantity: 0));
        Assert.Equal(RiskRejectReason.None, bed.Check(Limit(1, bed.BtcId, Side.Buy, 5_000_000, Btc / 2)));
        Assert.Equal(RiskRejectReason.MaxOrderQuantity, bed.Check(Limit(1, bed.BtcId, Side.Buy, 5_000_000, Btc / 2 + 100)));
        Assert.Equal(RiskRejectReason.MaxOrderQuantity, bed.Check(MarketOrder(1, bed.BtcId, Side.Sell, Btc)));
        Assert.Equal(RiskRejectReason.None, bed.Check(Limit(1, bed.EthId, Side.Buy, 300_000, 100 * Eth))); // no ETH limit
    }

    [Fact]
    public void Max_order_notional_uses_the_limit_price_or_the_far_touch()
    {
        var bed = new RiskBed(new RiskLimits { MaxOrderNotional = 5_000 * Usdt });
        // 0.1 BTC × 50 000.00 = 5 000 exactly; one tick more is over.
        Assert.Equal(RiskRejectReason.None, bed.Check(Limit(1, bed.BtcId, Side.Buy, 5_000_000, Btc / 10)));
        Assert.Equal(RiskRejectReason.MaxOrderNotional, bed.Check(Limit(1, bed.BtcId, Side.Buy, 5_000_010, Btc / 10)));
        // Market orders: a buy is valued at the ask (50 001.00 → 5 000.10), a sell at the bid (49 999.00 → 4 999.90).
        Assert.Equal(RiskRejectReason.MaxOrderNotional, bed.Check(MarketOrder(1, bed.BtcId, Side.Buy, Btc / 10)));
        Assert.Equal(RiskRejectReason.None, bed.Check(MarketOrder(1, bed.BtcId, Side.Sell, Btc / 10)));
        // A runaway quantity saturates instead of wrapping into a small notional.
        Assert.Equal(RiskRejectReason.MaxOrderNotional, bed.Check(Limit(1, bed.EthId, Side.Buy, 300_000, long.MaxValue)));
    }

    [Fact]
    public void Max_open_orders_counts_all_the_bots_instruments()
    {
        var bed = new RiskBed(new RiskLimits { MaxOpenOrders = 3 });
        bed.Orders.SetOpenCount(1, bed.BtcId, 1);
        bed.Orders.SetOpenCount(1, bed.EthId, 1);
        Assert.Equal(RiskRejectReason.None, bed.Check(bed.SmallBtcBuy()));
        bed.Orders.SetOpenCount(1, bed.SolId, 1);
        Assert.Equal(RiskRejectReason.MaxOpenOrders, bed.Check(bed.SmallBtcBuy()));
        Assert.Equal(RiskRejectReason.None, bed.Check(bed.SmallBtcBuy(bot: 2))); // another bot's count
    }

    [Fact]
    public void Instrument_position_limit_counts_open_orders_on_the_same_side()
    {
        var bed = new RiskBed();
        bed.Risk.SetLimits(1, RiskLimits.Unlimited.WithInstrument(bed.BtcId, maxOrderQuantity: 0, maxPositionQuantity: Btc));
        bed.Orders.SetPosition(1, bed.BtcId, Btc / 2);            // long 0.5
        bed.Orders.SetOpen(1, bed.BtcId, Side.Buy, 3 * Btc / 10); // 0.3 more may fill
        bed.Orders.SetOpen(1, bed.BtcId, Side.Sell, Btc / 10);

        Assert.Equal(RiskRejectReason.None, bed.Check(Limit(1, bed.BtcId, Side.Buy, 5_000_000, 2 * Btc / 10)));          // 1.0
        Assert.Equal(RiskRejectReason.MaxPositionInstrument, bed.Check(Limit(1, bed.BtcId, Side.Buy, 5_000_000, 2 * Btc / 10 + 100)));
        // Sells: 0.5 − 0.1 open − 1.4 = −1.0 is inside; one step more is not. Open buys do not offset.
        Assert.Equal(RiskRejectReason.None, bed.Check(Limit(1, bed.BtcId, Side.Sell, 5_000_000, 14 * Btc / 10)));
        Assert.Equal(RiskRejectReason.MaxPositionInstrument, bed.Check(MarketOrder(1, bed.BtcId, Side.Sell, 14 * Btc / 10 + 100)));
    }

    [Fact]
    public void Orders_that_only_reduce_the_position_pass_above_the_limit()
    {
        var bed = new RiskBed();
        bed.Risk.SetLimits(1, RiskLimits.Unlimited.WithInstrument(bed.BtcId, maxOrderQuantity: 0, maxPositionQuantity: Btc));
        bed.Orders.SetPosition(1, bed.BtcId, 2 * Btc); // the limit was lowered below the position
        Assert.Equal(RiskRejectReason.MaxPositionInstrument, bed.Check(Limit(1, bed.BtcId, Side.Buy, 5_000_000, 100)));
        Assert.Equal(RiskRejectReason.None, bed.Check(Limit(1, bed.BtcId, Side.Sell, 5_000_000, Btc / 2)));     // to 1.5
        Assert.Equal(RiskRejectReason.None, bed.Check(Limit(1, bed.BtcId, Side.Sell, 5_000_000, 2 * Btc)));     // to 0
        Assert.Equal(RiskRejectReason.None, bed.Check(Limit(1, bed.BtcId, Side.Sell, 5_000_000, 3 * Btc)));     // flips to −1.0
        Assert.Equal(RiskRejectReason.MaxPositionInstrument, bed.Check(Limit(1, bed.BtcId, Side.Sell, 5_000_000, 35 * Btc / 10))); // −1.5
    }

    [Fact]
    public void Bot_notional_sums_worst_case_positions_at_mid_over_instruments()
    {
        var bed = new RiskBed(new RiskLimits { MaxPositionNotionalPerBot = 10_000 * Usdt });
        bed.Orders.SetPosition(1, bed.BtcId, Btc / 10);     // 0.1 × 50 000 = 5 000
        bed.Orders.SetOpen(1, bed.EthId, Side.Buy, Eth);    // 1 × 3 000 if it fills = 3 000
        bed.Orders.SetPosition(2, bed.BtcId, 10 * Btc);     // another bot: not counted

        // 0.04 BTC more = 2 000: total 10 000 exactly. The price used is mid, not the order's limit price.
        Assert.Equal(RiskRejectReason.None, bed.Check(Limit(1, bed.BtcId, Side.Buy, 4_900_000, 4 * Btc / 100)));
        Assert.Equal(RiskRejectReason.MaxPositionBot, bed.Check(Limit(1, bed.BtcId, Side.Buy, 4_900_000, 4 * Btc / 100 + 100)));
        // Selling 0.3 could leave a 0.2 short (10 000 + 3 000); selling 0.1 only flattens.
        Assert.Equal(RiskRejectReason.MaxPositionBot, bed.Check(Limit(1, bed.BtcId, Side.Sell, 5_000_000, 3 * Btc / 10)));
        Assert.Equal(RiskRejectReason.None, bed.Check(Limit(1, bed.BtcId, Side.Sell, 5_000_000, Btc / 10)));
        // SOL on another venue counts too: 70 × 100.000 = 7 000 on top of 8 000.
        Assert.Equal(RiskRejectReason.MaxPositionBot, bed.Check(Limit(1, bed.SolId, Side.Buy, 100_000, 7_000)));
        Assert.Equal(RiskRejectReason.None, bed.Check(Limit(1, bed.SolId, Side.Buy, 100_000, 2_000)));
    }

    [Fact]
    public void Bot_notional_counts_open_sells_as_a_possible_short()
    {
        var bed = new RiskBed(new RiskLimits { MaxPositionNotionalPerBot = 10_000 * Usdt });
        bed.Orders.SetOpen(1, bed.SolId, Side.Sell, 6_000); // 60 SOL may sell short: 6 000
        Assert.Equal(RiskRejectReason.None, bed.Check(Limit(1, bed.BtcId, Side.Buy, 5_000_000, 8 * Btc / 100)));
        Assert.Equal(RiskRejectReason.MaxPositionBot, bed.Check(Limit(1, bed.BtcId, Side.Buy, 5_000_000, 8 * Btc / 100 + 100)));
    }

    [Fact]
    public void Bot_notional_values_an_unquoted_instrument_at_its_last_trade()
    {
        var bed = new RiskBed(new RiskLimits { MaxPositionNotionalPerBot = 10_000 * Usdt });
        bed.Orders.SetPosition(1, bed.XrpId, 10_000); // 1 000 XRP, no quote
        Assert.Equal(RiskRejectReason.None, bed.Check(Limit(1, bed.BtcId, Side.Buy, 5_000_000, Btc / 10)));
        var trade = new MarketEvent { Kind = MarketEventKind.Trade, InstrumentId = bed.XrpId, Price = 60_000, Quantity = 1, ReceiveTimeNs = T0 }; // 6.0000
        bed.Market.Apply(in trade);
        Assert.Equal(RiskRejectReason.MaxPositionBot, bed.Check(Limit(1, bed.BtcId, Side.Buy, 5_000_000, Btc / 10)));  // 6 000 + 5 000
        Assert.Equal(RiskRejectReason.None, bed.Check(Limit(1, bed.BtcId, Side.Buy, 5_000_000, 8 * Btc / 100)));       // 6 000 + 4 000
    }

    [Fact]
    public void Price_collar_in_basis_points_of_mid()
    {
        var bed = new RiskBed(new RiskLimits { PriceCollarBps = 100 }); // ±1 % of 50 000.00 = ±500.00
        Assert.Equal(RiskRejectReason.None, bed.Check(Limit(1, bed.BtcId, Side.Buy, 5_050_000, 100)));
        Assert.Equal(RiskRejectReason.None, bed.Check(Limit(1, bed.BtcId, Side.Sell, 4_950_000, 100)));
        Assert.Equal(RiskRejectReason.PriceCollar, bed.Check(Limit(1, bed.BtcId, Side.Buy, 5_050_010, 100)));
        Assert.Equal(RiskRejectReason.PriceCollar, bed.Check(Limit(1, bed.BtcId, Side.Sell, 4_949_990, 100)));
        Assert.Equal(RiskRejectReason.None, bed.Check(MarketOrder(1, bed.BtcId, Side.Buy, 100)));
    }

    [Fact]
    public void Orders_without_a_mid()
    {
        var collared = new RiskBed(new RiskLimits { PriceCollarBps = 100 });
        Assert.Equal(RiskRejectReason.PriceCollar, collared.Check(MarketOrder(1, collared.XrpId, Side.Buy, 10)));
        Assert.Equal(RiskRejectReason.PriceCollar, collared.Check(Limit(1, collared.XrpId, Side.Buy, 60_000, 10)));

        var open = new RiskBed(); // no collar: a market order still needs a reference price; a limit order needs a quote
        Assert.Equal(RiskRejectReason.PriceCollar, open.Check(MarketOrder(1, open.XrpId, Side.Buy, 10)));
        Assert.Equal(RiskRejectReason.StaleMarketData, open.Check(Limit(1, open.XrpId, Side.Buy, 60_000, 10)));
        open.Quote(open.EthId, 300_100, 300_100, T0); // locked book: not two-sided
        Assert.Equal(RiskRejectReason.StaleMarketData, open.Check(Limit(1, open.EthId, Side.Buy, 300_000, 10)));
    }

    [Fact]
    public void Stale_book_blocks_submits_until_resynchronised()
    {
        var bed = new RiskBed();
        Assert.Equal(RiskRejectReason.None, bed.Check(bed.SmallBtcBuy(), T0 + Second));
        bed.MarkStale(bed.BtcId, T0 + Second);
        Assert.Equal(RiskRejectReason.StaleMarketData, bed.Check(bed.SmallBtcBuy(), T0 + Second));
        Assert.Equal(RiskRejectReason.StaleMarketData, bed.Check(MarketOrder(1, bed.BtcId, Side.Sell, 100), T0 + Second));
        Assert.Equal(RiskRejectReason.None, bed.Check(Limit(1, bed.EthId, Side.Buy, 300_000, 10), T0 + Second)); // other books unaffected
        bed.Resync(bed.BtcId, 4_999_900, 5_000_100, T0 + 2 * Second);
        Assert.Equal(RiskRejectReason.None, bed.Check(bed.SmallBtcBuy(), T0 + 2 * Second));
    }

    [Fact]
    public void Quotes_older_than_the_limit_are_stale()
    {
        var bed = new RiskBed(new RiskLimits { MaxQuoteAgeMs = 1_000 });
        Assert.Equal(RiskRejectReason.None, bed.Check(bed.SmallBtcBuy(), T0 + Second));
        Assert.Equal(RiskRejectReason.StaleMarketData, bed.Check(bed.SmallBtcBuy(), T0 + Second + 1));
        bed.Quote(bed.BtcId, 4_999_900, 5_000_100, T0 + 5 * Second);
        Assert.Equal(RiskRejectReason.None, bed.Check(bed.SmallBtcBuy(), T0 + 6 * Second));
        // A trade refreshes the instrument but not its best bid/ask.
        var trade = new MarketEvent { Kind = MarketEventKind.Trade, InstrumentId = bed.BtcId, Price = 5_000_000, Quantity = 1, ReceiveTimeNs = T0 + 7 * Second };
        bed.Market.Apply(in trade);
        Assert.Equal(RiskRejectReason.StaleMarketData, bed.Check(bed.SmallBtcBuy(), T0 + 7 * Second));
    }

    [Fact]
    public void Order_rate_is_a_token_bucket_per_bot_and_venue_refilled_by_engine_time()
    {
        var bed = new RiskBed(RiskLimits.Unlimited.WithOrderRate(Venue.Binance, ordersPerSecond: 2, burst: 2));
        Assert.Equal(RiskRejectReason.None, bed.Check(bed.SmallBtcBuy(), T0));
        Assert.Equal(RiskRejectReason.None, bed.Check(Limit(1, bed.EthId, Side.Buy, 300_000, 10), T0)); // same venue, same bucket
        Assert.Equal(RiskRejectReason.OrderRateLimit, bed.Check(bed.SmallBtcBuy(), T0));
        Assert.Equal(RiskRejectReason.None, bed.Check(Limit(1, bed.SolId, Side.Buy, 100_000, 1), T0)); // okx: no limit set
        Assert.Equal(RiskRejectReason.None, bed.Check(bed.SmallBtcBuy(bot: 2), T0));                  // bot 2: its own bucket
        Assert.Equal(RiskRejectReason.OrderRateLimit, bed.Check(bed.SmallBtcBuy(), T0 + 500 * Ms - 1));
        Assert.Equal(RiskRejectReason.None, bed.Check(bed.SmallBtcBuy(), T0 + 500 * Ms));
        Assert.Equal(RiskRejectReason.OrderRateLimit, bed.Check(bed.SmallBtcBuy(), T0 + 500 * Ms));
        // Cancels never take tokens and are never rate limited.
        bed.Orders.AddOrder(77, 1, bed.BtcId);
        Assert.Equal(RiskRejectReason.None, bed.Check(Cancel(1, 77), T0 + 500 * Ms));
    }

    [Fact]
    public void Rejected_submits_take_no_rate_token()
    {
        var bed = new RiskBed();
        bed.Risk.SetLimits(1, RiskLimits.Unlimited.WithOrderRate(Venue.Binance, 1, 1).WithInstrument(bed.BtcId, maxOrderQuantity: Btc, maxPositionQuantity: 0));
        for (var i = 0; i < 5; i++) Assert.Equal(RiskRejectReason.MaxOrderQuantity, bed.Check(Limit(1, bed.BtcId, Side.Buy, 5_000_000, 2 * Btc)));
        Assert.Equal(RiskRejectReason.None, bed.Check(bed.SmallBtcBuy()));
        Assert.Equal(RiskRejectReason.OrderRateLimit, bed.Check(bed.SmallBtcBuy()));
    }

    [Fact]
    public void Checks_run_in_the_documented_order()
    {
        var bed = new RiskBed();
        // Losses booked while the bot had no limits.
        Assert.Equal(KillSwitchCause.None, bed.Risk.OnPnl(1, -20 * Usdt, T0));
        var tight = new RiskLimits
        {
            DailyLossLimit = 10 * Usdt, MaxDrawdown = 5 * Usdt, PriceCollarBps = 100, MaxQuoteAgeMs = 1_000,
            MaxOrderNotional = 1_000 * Usdt, MaxOpenOrders = 1, MaxPositionNotionalPerBot = 1_000 * Usdt,
        }.WithInstrument(bed.BtcId, maxOrderQuantity: Btc / 10, maxPositionQuantity: 5 * Btc / 100).WithOrderRate(Venue.Binance, 1, 1);
        bed.Risk.SetLimits(1, tight);
        bed.Orders.SetOpenCount(1, bed.EthId, 1);
        bed.Orders.SetPosition(1, bed.BtcId, 5 * Btc / 100);
        bed.Orders.SetPosition(1, bed.EthId, Eth);
        bed.MarkStale(bed.BtcId, T0);
        bed.Risk.Pause(1);
        var intent = Limit(1, bed.BtcId, Side.Buy, 5_100_005, 2 * Btc / 10); // wrong in every way

        Assert.Equal(RiskRejectReason.InvalidOrder, bed.Check(intent));
        intent.Price = 5_100_000;
        Assert.Equal(RiskRejectReason.BotHalted, bed.Check(intent));
        bed.Risk.Resume(1);
        Assert.Equal(RiskRejectReason.DailyLossLimit, bed.Check(intent));
        bed.Risk.SetLimits(1, tight = tight with { DailyLossLimit = 0 });
        Assert.Equal(RiskRejectReason.MaxDrawdown, bed.Check(intent));
        bed.Risk.SetLimits(1, tight = tight with { MaxDrawdown = 0 });
        Assert.Equal(RiskRejectReason.PriceCollar, bed.Check(intent));
        intent.Price = 5_000_000;
        Assert.Equal(RiskRejectReason.StaleMarketData, bed.Check(intent));
        bed.Resync(bed.BtcId, 4_999_900, 5_000_100, T0);
        Assert.Equal(RiskRejectReason.MaxOrderQuantity, bed.Check(intent));
        intent.Quantity = Btc / 10; // 5 000
        Assert.Equal(RiskRejectReason.MaxOrderNotional, bed.Check(intent));
        intent.Quantity = Btc / 100; // 500
        Assert.Equal(RiskRejectReason.MaxOpenOrders, bed.Check(intent));
        bed.Orders.SetOpenCount(1, bed.EthId, 0);
        Assert.Equal(RiskRejectReason.MaxPositionInstrument, bed.Check(intent));
        bed.Orders.SetPosition(1, bed.BtcId, 0);
        Assert.Equal(RiskRejectReason.MaxPositionBot, bed.Check(intent)); // 3 000 ETH + 500
        bed.Orders.SetPosition(1, bed.EthId, 0);
        Assert.Equal(RiskRejectReason.None, bed.Check(intent));
        Assert.Equal(RiskRejectReason.OrderRateLimit, bed.Check(intent));
    }

    [Fact]
    public void Limits_set_at_run_time_apply_to_the_next_check_of_that_bot_only()
    {
        var bed = new RiskBed();
        var big = Limit(1, bed.BtcId, Side.Buy, 5_000_000, 2 * Btc);
        Assert.Equal(RiskRejectReason.None, bed.Check(big));
        var strict = RiskLimits.Unlimited.WithInstrument(bed.BtcId, maxOrderQuantity: Btc, maxPositionQuantity: 0);
        bed.Risk.SetLimits(1, strict);
        Assert.Same(strict, bed.Risk.Limits(1));
        Assert.Same(RiskLimits.Unlimited, bed.Risk.Limits(2));
        Assert.Equal(RiskRejectReason.MaxOrderQuantity, bed.Check(big));
        Assert.Equal(RiskRejectReason.None, bed.Check(big with { BotId = 2 }));
        bed.Risk.SetLimits(1, RiskLimits.Unlimited);
        Assert.Equal(RiskRejectReason.None, bed.Check(big));
    }

    [Fact]
    public void Invalid_limits_and_bot_ids_are_refused()
    {
        var bed = new RiskBed();
        Assert.Throws<ArgumentException>(() => bed.Risk.SetLimits(1, new RiskLimits { MaxOpenOrders = -1 }));
        Assert.Throws<ArgumentException>(() => bed.Risk.SetLimits(1, RiskLimits.Unlimited.WithOrderRate(Venue.Okx, -5)));
        Assert.Throws<ArgumentOutOfRangeException>(() => bed.Risk.SetLimits(0, RiskLimits.Unlimited));
        Assert.Throws<ArgumentOutOfRangeException>(() => bed.Risk.SetLimits(9, RiskLimits.Unlimited));
        Assert.Throws<ArgumentOutOfRangeException>(() => bed.Risk.OnPnl(9, 0, T0));
        Assert.Equal(6, new RiskLimits { MaxOrderNotional = -1, MaxPositionNotionalPerBot = -1, DailyLossLimit = -1, MaxDrawdown = -1, PriceCollarBps = -1, MaxQuoteAgeMs = -1 }.Problems().Count);
    }

    [Fact]
    public void Cancels_pass_unless_the_order_is_unknown_or_someone_elses()
    {
        var bed = new RiskBed();
        bed.Orders.AddOrder(ClientOrderIds.Make(1, 5), 1, bed.BtcId);
        bed.Orders.AddOrder(ClientOrderIds.Make(2, 5), 2, bed.BtcId);
        Assert.Equal(RiskRejectReason.None, bed.Check(Cancel(1, ClientOrderIds.Make(1, 5))));
        Assert.Equal(RiskRejectReason.UnknownOrder, bed.Check(Cancel(1, ClientOrderIds.Make(1, 6))));
        Assert.Equal(RiskRejectReason.UnknownOrder, bed.Check(Cancel(1, ClientOrderIds.Make(2, 5))));
        Assert.Equal(RiskRejectReason.None, bed.Check(CancelAll(1)));
        bed.MarkStale(bed.BtcId, T0); // market data does not matter for cancels
        Assert.Equal(RiskRejectReason.None, bed.Check(Cancel(1, ClientOrderIds.Make(1, 5))));
    }
}

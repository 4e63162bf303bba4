using TBot.Adapters.Execution.Binance;
using TBot.Adapters.Simulator.Orders;
using TBot.Adapters.Tests.Simulator;
using TBot.Engine.Events;
using TBot.Engine.Instruments;
using TBot.Engine.Numerics;
using TBot.Engine.Orders;

namespace TBot.Adapters.Tests.Execution;

/// <summary>Start-up reconciliation against a simulator holding orders the engine half-knows.</summary>
public class BinanceReconcilerTests
{
    /// <summary>Place an order straight at the venue (what an earlier run, or a human, left there).</summary>
    private static async Task<BinanceOrderState> PlaceAsync(ExecutionHarness h, string clientId, string side, string typeAndPrice, long quantity, CancellationToken ct)
    {
        var p = $"symbol=BTCUSDT&side={side}&{typeAndPrice}&quantity={FixedPoint.ToDecimalString(quantity, 5)}&newClientOrderId={clientId}&newOrderRespType=FULL";
        using var response = await h.Client.SendAsync(HttpMethod.Post, "/api/v3/order", p, 1, idempotent: false, ct);
        Assert.True(response.IsSuccess, System.Text.Encoding.UTF8.GetString(response.Body));
        Assert.True(BinanceResponseParser.TryParseOrder(response.Body, out var s));
        return s;
    }

    private static string Limit(long price, string tif = "GTC") => $"type=LIMIT&timeInForce={tif}&price={FixedPoint.ToDecimalString(price, 2)}";

    private sealed record Scene(
        ExecutionHarness H,
        LocalOpenOrder FilledMeanwhile,
        LocalOpenOrder Known,
        LocalOpenOrder NeverSent,
        LocalOpenOrder PartlyFilled,
        long PartlyFilledQuantity,
        BinanceOrderState OursUnknown,
        BinanceOrderState Foreign);

    /// <summary>
    /// The venue (model paused) holds: an order that filled while we were down, one we know, one partly filled,
    /// one of ours the engine lost, and a foreign one; the engine also thinks an order is open that never left.
    /// </summary>
    private static async Task<Scene> SetUpAsync(CancellationToken ct)
    {
        var h = await ExecutionHarness.StartAsync();
        await h.Client.Clock.SyncAsync(ct);
        await h.Host.PauseAsync();
        var book = h.Host.Market.Snapshot(Venue.Binance, "BTCUSDT");
        var (bid, ask) = (book.Bids[0].Price, book.Asks[0].Price);
        var id = h.Instrument.Id;
        long Coid(long n) => ClientOrderIds.Make(1, n);

        var filled = await PlaceAsync(h, ExecutionHarness.ClientId(1), "BUY", Limit(ask + 500, "IOC"), 100, ct);
        Assert.Equal(BinanceOrderStatus.Filled, filled.Status);
        var known = await PlaceAsync(h, ExecutionHarness.ClientId(2), "BUY", Limit(bid - 50_000), 200, ct);
        var askNow = h.Host.Market.Snapshot(Venue.Binance, "BTCUSDT").Asks[0];
        var partly = await PlaceAsync(h, ExecutionHarness.ClientId(5), "BUY", Limit(askNow.Price), askNow.Quantity + 300, ct);
        Assert.Equal(BinanceOrderStatus.PartiallyFilled, partly.Status);
        var oursUnknown = await PlaceAsync(h, ExecutionHarness.ClientId(4), "SELL", Limit(ask + 70_000), 400, ct);
        var foreign = await PlaceAsync(h, "manual-7", "BUY", Limit(bid - 60_000), 500, ct);

        return new Scene(h,
            new LocalOpenOrder(Coid(1), id, Side.Buy, OrderType.Limit, ask + 500, 100, 0),
            new LocalOpenOrder(Coid(2), id, Side.Buy, OrderType.Limit, bid - 50_000, 200, 0) { VenueOrderId = known.OrderId },
            new LocalOpenOrder(Coid(3), id, Side.Buy, OrderType.Limit, bid - 40_000, 100, 0),
            new LocalOpenOrder(Coid(5), id, Side.Buy, OrderType.Limit, askNow.Price, askNow.Quantity + 300, 0) { VenueOrderId = partly.OrderId },
            askNow.Quantity,
            oursUnknown,
            foreign);
    }

    [Fact]
    public async Task Adopt_brings_the_engine_in_line_with_the_venue_and_reads_balances()
    {
        var ct = SimTest.Timeout(30);
        var scene = await SetUpAsync(ct);
        await using var h = scene.H;
        var reconciler = new BinanceReconciler(h.Client, h.Host.Registry, h.Publisher.WithFlags(EventFlags.Reconciled),
            new BinanceReconcilerOptions { JournalTag = ExecutionHarness.Tag, UnknownOrders = UnknownOrderPolicy.Adopt }, h.Logger);

        var report = await reconciler.ReconcileAsync([scene.FilledMeanwhile, scene.Known, scene.NeverSent, scene.PartlyFilled], ct);

        await TestOrders.WaitUntil(() => h.Collector.Items.Count == report.ReportsPublished, ct);
        Assert.All(h.Collector.Items, i => Assert.True(i.Flags.HasFlag(EventFlags.Reconciled)));

        // Filled while we were away: its fill, at the price it traded, and nothing else (Filled is implied).
        var fill = Assert.Single(h.Collector.For(scene.FilledMeanwhile.ClientOrderId));
        Assert.Equal(ExecutionReportKind.Fill, fill.Kind);
        Assert.Equal(100, fill.Quantity);
        Assert.Equal(100, fill.CumulativeQuantity);
        Assert.True(fill.Price <= scene.FilledMeanwhile.Price);
        Assert.True(fill.VenueOrderId > 0);

        // Known and unchanged: no report.
        Assert.Empty(h.Collector.For(scene.Known.ClientOrderId));

        // Never reached the venue.
        var rejected = Assert.Single(h.Collector.For(scene.NeverSent.ClientOrderId));
        Assert.Equal(ExecutionReportKind.Rejected, rejected.Kind);
        Assert.Equal(-2013, rejected.Code);

        // Partly filled while away, still working: the missed fill only.
        var partFill = Assert.Single(h.Collector.For(scene.PartlyFilled.ClientOrderId));
        Assert.Equal(ExecutionReportKind.Fill, partFill.Kind);
        Assert.Equal(scene.PartlyFilledQuantity, partFill.Quantity);
        Assert.Equal(scene.PartlyFilled.Price, partFill.Price);

        // Ours but lost by the engine: adopted under its own client order id.
        var oursId = ClientOrderIds.Make(1, 4);
        var adopted = Assert.Single(h.Collector.For(oursId));
        Assert.Equal(ExecutionReportKind.Accepted, adopted.Kind);
        Assert.Equal(Side.Sell, adopted.Side);
        Assert.Equal(OrderType.Limit, adopted.OrderType);
        Assert.Equal(400, adopted.Quantity);
        Assert.Equal(0, adopted.CumulativeQuantity);
        Assert.Equal(scene.OursUnknown.OrderId, adopted.VenueOrderId);
        Assert.Equal(scene.OursUnknown.Price.ToScaleRounded(2), adopted.Price);

        // Foreign: adopted under the synthetic id of bot 0.
        var foreignId = ClientOrderIds.Make(0, scene.Foreign.OrderId);
        var foreign = Assert.Single(h.Collector.For(foreignId));
        Assert.Equal(ExecutionReportKind.Accepted, foreign.Kind);
        Assert.Equal(500, foreign.Quantity);
        Assert.Equal(Side.Buy, foreign.Side);

        Assert.Equal(2, report.Adopted);
        Assert.Equal(0, report.CancelledAtVenue);
        Assert.False(report.InSync);
        Assert.Contains(report.Differences, d => d.Kind == ReconciliationDifferenceKind.MissingAtVenue && d.ClientOrderId == scene.NeverSent.ClientOrderId);
        Assert.Contains(report.Differences, d => d.Kind == ReconciliationDifferenceKind.EndedAtVenue && d.ClientOrderId == scene.FilledMeanwhile.ClientOrderId);
        Assert.Contains(report.Differences, d => d.Kind == ReconciliationDifferenceKind.MissedFills && d.ClientOrderId == scene.PartlyFilled.ClientOrderId);
        Assert.Equal(2, report.Differences.Count(d => d.Kind == ReconciliationDifferenceKind.UnknownAtVenue));
        Assert.Equal(report.ReportsPublished, report.Actions.Count(a => a.Kind == ReconciliationActionKind.Reported));
        Assert.Equal(new[] { scene.Known.ClientOrderId, scene.PartlyFilled.ClientOrderId, oursId, foreignId }.Order(),
            report.OpenOrders.Select(o => o.ClientOrderId).Order());
        var partlyOpen = report.OpenOrders.Single(o => o.ClientOrderId == scene.PartlyFilled.ClientOrderId);
        Assert.Equal(scene.PartlyFilledQuantity, partlyOpen.Filled);
        Assert.True(partlyOpen.FilledNotional > 0);
        Assert.Equal("manual-7", report.OpenOrders.Single(o => o.ClientOrderId == foreignId).VenueClientOrderId);

        // Balances: BTC moved by exactly the two buys' fills (simulator starts at 10 BTC, 8 decimals).
        var btc = Assert.Single(report.Balances, b => b.Asset == "BTC");
        Assert.Equal(10L * 100_000_000 + (100 + scene.PartlyFilledQuantity) * 1_000, btc.Total);
        Assert.Equal(400 * 1_000, btc.Locked); // the resting sell
        Assert.Contains(report.Balances, b => b.Asset == "USDT" && b.Locked > 0);

        // The gateway takes the working orders over: the foreign one can be cancelled by its venue id.
        var gateway = h.Gateway();
        gateway.Track(report.OpenOrders);
        await gateway.StartAsync(ct);
        Assert.Equal(4, gateway.TrackedOrders);
        var foreignOrder = new Order
        {
            ClientOrderId = foreignId, InstrumentId = h.Instrument.Id, Venue = Venue.Binance, Side = Side.Buy, Type = OrderType.Limit,
            Status = OrderStatus.Accepted, VenueOrderId = scene.Foreign.OrderId, Price = foreign.Price, Quantity = 500,
        };
        gateway.Cancel(in foreignOrder, 0, new ListSink());
        var cancelled = await h.Collector.WaitForAsync(r => r.ClientOrderId == foreignId && r.Kind == ExecutionReportKind.Cancelled, ct);
        Assert.Equal(scene.Foreign.OrderId, cancelled.VenueOrderId);
        var market = h.Host.Market.Find(Venue.Binance, "BTCUSDT")!;
        Assert.Equal(SimOrderStatus.Canceled, h.Host.Orders.Find(market, scene.Foreign.OrderId, null)!.Status);
    }

    [Fact]
    public async Task Cancel_policy_removes_unknown_orders_at_the_venue_without_telling_the_engine()
    {
        var ct = SimTest.Timeout(30);
        var scene = await SetUpAsync(ct);
        await using var h = scene.H;
        var reconciler = new BinanceReconciler(h.Client, h.Host.Registry, h.Publisher.WithFlags(EventFlags.Reconciled),
            new BinanceReconcilerOptions { JournalTag = ExecutionHarness.Tag, UnknownOrders = UnknownOrderPolicy.Cancel, FetchBalances = false }, h.Logger);

        var report = await reconciler.ReconcileAsync([scene.FilledMeanwhile, scene.Known, scene.NeverSent, scene.PartlyFilled], ct);

        Assert.Equal(2, report.CancelledAtVenue);
        Assert.Equal(0, report.Adopted);
        Assert.Empty(report.Balances);
        var market = h.Host.Market.Find(Venue.Binance, "BTCUSDT")!;
        Assert.Equal(SimOrderStatus.Canceled, h.Host.Orders.Find(market, scene.OursUnknown.OrderId, null)!.Status);
        Assert.Equal(SimOrderStatus.Canceled, h.Host.Orders.Find(market, scene.Foreign.OrderId, null)!.Status);
        Assert.Equal(SimOrderStatus.New, h.Host.Orders.Find(market, scene.Known.VenueOrderId, null)!.Status); // ours and known: untouched
        await TestOrders.WaitUntil(() => h.Collector.Items.Count == report.ReportsPublished, ct);
        Assert.Empty(h.Collector.For(ClientOrderIds.Make(1, 4)));
        Assert.Empty(h.Collector.For(ClientOrderIds.Make(0, scene.Foreign.OrderId)));
        Assert.Equal(2, report.Actions.Count(a => a.Kind == ReconciliationActionKind.CancelledAtVenue));
        Assert.Equal(3, report.ReportsPublished); // the missed fills and the missing order, as with Adopt
        Assert.Equal([scene.Known.ClientOrderId, scene.PartlyFilled.ClientOrderId], report.OpenOrders.Select(o => o.ClientOrderId).Order());
    }

    [Fact]
    public async Task An_engine_in_line_with_the_venue_is_in_sync()
    {
        await using var h = await ExecutionHarness.StartAsync();
        var ct = SimTest.Timeout(20);
        var reconciler = new BinanceReconciler(h.Client, h.Host.Registry, h.Publisher.WithFlags(EventFlags.Reconciled),
            new BinanceReconcilerOptions { JournalTag = ExecutionHarness.Tag });

        var report = await reconciler.ReconcileAsync([], ct);

        Assert.True(report.InSync);
        Assert.Equal(0, report.ReportsPublished);
        Assert.Empty(report.OpenOrders);
        Assert.Contains(report.Balances, b => b.Asset == "USDT" && b.Free == 1_000_000L * 100_000_000 && b.Locked == 0);
    }
}

using TBot.Adapters.Execution.Binance;
using TBot.Adapters.Simulator.Faults;
using TBot.Adapters.Simulator.Orders;
using TBot.Adapters.Tests.Simulator;
using TBot.Engine.Events;
using TBot.Engine.Instruments;
using TBot.Engine.Orders;
using TBot.Engine.Ring;

namespace TBot.Adapters.Tests.Execution;

/// <summary>The live gateway against a real simulator on loopback, reports read back from a real multi-producer ring.</summary>
public class BinanceLiveGatewayTests
{
    private static readonly ListSink Sink = new();

    [Fact]
    public async Task Marketable_limit_fills_are_published_on_the_ring_as_fill_events()
    {
        await using var h = await ExecutionHarness.StartAsync();
        var ct = SimTest.Timeout(20);
        var gateway = h.Gateway();
        await gateway.StartAsync(ct);
        await h.Host.PauseAsync(); // the book holds still: the order takes exactly what is shown
        var book = h.Host.Market.Snapshot(Venue.Binance, "BTCUSDT");
        var quantity = Math.Min(book.Asks[0].Quantity, 1_000); // ≤ 0.01 BTC, within the best level
        var order = h.NewOrder(1, Side.Buy, OrderType.Limit, book.Asks[0].Price + 500, quantity, TimeInForce.Ioc);

        gateway.Submit(in order, 0, Sink);

        var last = await h.Collector.WaitForAsync(r => r.ClientOrderId == order.ClientOrderId && r.CumulativeQuantity == quantity, ct);
        var items = h.Collector.Items.Where(i => i.Report.ClientOrderId == order.ClientOrderId).ToList();
        Assert.All(items, i => Assert.Equal(MarketEventKind.Fill, i.Kind));
        Assert.All(items, i => Assert.Equal(Venue.Binance, i.Venue));
        var fill = Assert.Single(items).Report;
        Assert.Equal(ExecutionReportKind.Fill, fill.Kind);
        Assert.Equal(book.Asks[0].Price, fill.Price); // took the best ask, not its own limit
        Assert.Equal(quantity, fill.Quantity);
        Assert.True(fill.TradeId > 0);
        Assert.False(fill.IsMaker);
        Assert.Equal(Side.Buy, fill.Side);
        Assert.Equal(h.Instrument.Id, fill.InstrumentId);
        Assert.True(fill.VenueOrderId > 0);
        Assert.Equal(last.TradeId, fill.TradeId);
        var sim = h.Host.Orders.Find(h.Host.Market.Find(Venue.Binance, "BTCUSDT")!, 0, ExecutionHarness.ClientId(1));
        Assert.NotNull(sim);
        Assert.Equal(SimOrderStatus.Filled, sim.Status);
        Assert.Equal(sim.Fills[0].TradeId, fill.TradeId);
        Assert.Equal(1, gateway.Stats.Sent);
        Assert.Equal(1, gateway.Stats.Acked);
        Assert.Equal(1, gateway.Stats.LatencyCount);
        Assert.True(gateway.Stats.LatencyMax > TimeSpan.Zero);
        Assert.Empty(Sink.Reports);
    }

    [Fact]
    public async Task A_resting_order_is_accepted_then_its_fill_is_found_by_polling()
    {
        await using var h = await ExecutionHarness.StartAsync();
        var ct = SimTest.Timeout(30);
        var gateway = h.Gateway();
        await gateway.StartAsync(ct);
        await h.Host.PauseAsync(); // so the order surely rests first
        var (_, ask) = h.Touch();
        // One tick under the ask: rests, and fills when the random walk brings the ask down to it.
        var order = h.NewOrder(2, Side.Buy, OrderType.Limit, ask - 1, 100);

        gateway.Submit(in order, 0, Sink);

        var accepted = await h.Collector.WaitForAsync(r => r.ClientOrderId == order.ClientOrderId && r.Kind == ExecutionReportKind.Accepted, ct);
        h.Host.Resume();
        Assert.True(accepted.VenueOrderId > 0);
        Assert.Equal(order.Price, accepted.Price);
        Assert.Equal(100, accepted.Quantity);
        var fill = await h.Collector.WaitForAsync(r => r.ClientOrderId == order.ClientOrderId && r.Kind == ExecutionReportKind.Fill, ct);
        Assert.Equal(100, fill.Quantity);
        Assert.Equal(order.Price, fill.Price); // resting fills happen at the limit
        Assert.Equal(100, fill.CumulativeQuantity);
        Assert.Equal(100, fill.TradeId); // no venue trade id in a query: the cumulative quantity
        Assert.True(fill.IsMaker);
        Assert.True(gateway.Stats.Polls > 0);
        var kinds = h.Collector.For(order.ClientOrderId).Select(r => r.Kind).ToList();
        Assert.Equal([ExecutionReportKind.Accepted, ExecutionReportKind.Fill], kinds);
        await TestOrders.WaitUntil(() => gateway.TrackedOrders == 0, ct);
    }

    [Fact]
    public async Task Cancel_removes_a_resting_order_and_reports_Cancelled()
    {
        await using var h = await ExecutionHarness.StartAsync();
        var ct = SimTest.Timeout(20);
        var gateway = h.Gateway();
        await gateway.StartAsync(ct);
        var (bid, _) = h.Touch();
        var order = h.NewOrder(3, Side.Buy, OrderType.Limit, bid - 50_000, 200); // 500 USDT under the bid
        gateway.Submit(in order, 0, Sink);
        var accepted = await h.Collector.WaitForAsync(r => r.ClientOrderId == order.ClientOrderId && r.Kind == ExecutionReportKind.Accepted, ct);

        order.VenueOrderId = accepted.VenueOrderId;
        order.Status = OrderStatus.Accepted;
        gateway.Cancel(in order, 1, Sink);

        var cancelled = await h.Collector.WaitForAsync(r => r.ClientOrderId == order.ClientOrderId && r.Kind == ExecutionReportKind.Cancelled, ct);
        Assert.Equal(accepted.VenueOrderId, cancelled.VenueOrderId);
        Assert.Equal(0, cancelled.CumulativeQuantity);
        var sim = h.Host.Orders.Find(h.Host.Market.Find(Venue.Binance, "BTCUSDT")!, accepted.VenueOrderId, null);
        Assert.Equal(SimOrderStatus.Canceled, sim!.Status);
        Assert.Equal(1, gateway.Stats.CancelsSent);
        Assert.Equal(1, gateway.Stats.Cancelled);

        // Cancelling again: the order is finished here, so nothing is sent.
        gateway.Cancel(in order, 2, Sink);
        await Task.Delay(200, ct);
        Assert.Equal(1, gateway.Stats.CancelsSent);
    }

    [Fact]
    public async Task A_venue_error_becomes_Rejected_with_the_Binance_code()
    {
        await using var h = await ExecutionHarness.StartAsync();
        var ct = SimTest.Timeout(20);
        var gateway = h.Gateway();
        await gateway.StartAsync(ct);
        var (_, ask) = h.Touch();
        // Post-only (LIMIT_MAKER) far through the ask would take: Binance refuses it with -2010.
        var order = h.NewOrder(4, Side.Buy, OrderType.Limit, ask + 100_000, 100, TimeInForce.PostOnly);

        gateway.Submit(in order, 0, Sink);

        var rejected = await h.Collector.WaitForAsync(r => r.ClientOrderId == order.ClientOrderId, ct);
        Assert.Equal(ExecutionReportKind.Rejected, rejected.Kind);
        Assert.Equal(-2010, rejected.Code);
        Assert.Equal(1, gateway.Stats.Rejected);
        Assert.Equal(1, h.Host.Orders.Submissions(ExecutionHarness.ClientId(4)));
    }

    [Fact]
    public async Task A_lost_response_is_settled_by_query_and_the_order_is_never_sent_twice()
    {
        await using var h = await ExecutionHarness.StartAsync();
        var ct = SimTest.Timeout(20);
        var gateway = h.Gateway();
        await gateway.StartAsync(ct);
        var (bid, _) = h.Touch();
        var order = h.NewOrder(5, Side.Buy, OrderType.Limit, bid - 50_000, 300);
        h.Host.Faults.InjectNext(FaultKind.DropOrderResponse, Venue.Binance);

        gateway.Submit(in order, 0, Sink);

        var accepted = await h.Collector.WaitForAsync(r => r.ClientOrderId == order.ClientOrderId, ct);
        Assert.Equal(ExecutionReportKind.Accepted, accepted.Kind);
        Assert.True(accepted.VenueOrderId > 0);
        Assert.Equal(1, h.Host.FaultCounters[FaultKind.DropOrderResponse]);
        Assert.Equal(1, gateway.Stats.LostResponses);
        Assert.Equal(1, gateway.Stats.LostResolved);
        Assert.Equal(1, h.Host.Orders.Submissions(ExecutionHarness.ClientId(5))); // exactly one POST with that client id
        Assert.Equal(1, h.Host.Orders.Count);
        // And it is tracked like any resting order: a cancel works.
        gateway.Cancel(in order, 1, Sink);
        await h.Collector.WaitForAsync(r => r.ClientOrderId == order.ClientOrderId && r.Kind == ExecutionReportKind.Cancelled, ct);
        Assert.Equal(1, h.Host.Orders.Submissions(ExecutionHarness.ClientId(5)));
    }

    [Fact]
    public async Task A_lost_marketable_order_reports_its_fill_from_the_query()
    {
        await using var h = await ExecutionHarness.StartAsync();
        var ct = SimTest.Timeout(20);
        var gateway = h.Gateway();
        await gateway.StartAsync(ct);
        await h.Host.PauseAsync();
        var book = h.Host.Market.Snapshot(Venue.Binance, "BTCUSDT");
        var quantity = Math.Min(book.Asks[0].Quantity, 1_000);
        var order = h.NewOrder(6, Side.Buy, OrderType.Market, 0, quantity);
        h.Host.Faults.InjectNext(FaultKind.DropOrderResponse, Venue.Binance);

        gateway.Submit(in order, 0, Sink);

        var fill = await h.Collector.WaitForAsync(r => r.ClientOrderId == order.ClientOrderId, ct);
        Assert.Equal(ExecutionReportKind.Fill, fill.Kind);
        Assert.Equal(quantity, fill.Quantity);
        Assert.Equal(book.Asks[0].Price, fill.Price); // average of the query's quote / quantity
        Assert.Equal(quantity, fill.TradeId);
        await TestOrders.WaitUntil(() => gateway.TrackedOrders == 0, ct);
        Assert.Single(h.Collector.For(order.ClientOrderId));
        Assert.Equal(1, h.Host.Orders.Submissions(ExecutionHarness.ClientId(6)));
    }

    [Fact]
    public async Task A_lost_request_that_never_reached_the_venue_is_rejected_with_2013_once_it_can_no_longer_arrive()
    {
        await using var h = await ExecutionHarness.StartAsync(recvWindow: TimeSpan.FromMilliseconds(500));
        var ct = SimTest.Timeout(20);
        var gateway = h.Gateway(new BinanceGatewayOptions { JournalTag = ExecutionHarness.Tag, PollInterval = TimeSpan.FromMilliseconds(50), LostOrderGrace = TimeSpan.FromMilliseconds(100) });
        await gateway.StartAsync(ct);
        var (bid, _) = h.Touch();
        var order = h.NewOrder(7, Side.Buy, OrderType.Limit, bid - 50_000, 300);
        h.Host.Faults.InjectNext(FaultKind.DropOrderRequest, Venue.Binance);

        gateway.Submit(in order, 0, Sink);

        var rejected = await h.Collector.WaitForAsync(r => r.ClientOrderId == order.ClientOrderId, ct);
        Assert.Equal(ExecutionReportKind.Rejected, rejected.Kind);
        Assert.Equal(-2013, rejected.Code);
        Assert.Equal(1, gateway.Stats.LostResolved);
        Assert.Equal(1, h.Host.Orders.Submissions(ExecutionHarness.ClientId(7)));
        Assert.Equal(0, h.Host.Orders.Count);
    }

    [Fact]
    public async Task The_write_ahead_gate_holds_a_command_until_the_journal_passes_its_sequence()
    {
        await using var h = await ExecutionHarness.StartAsync();
        var ct = SimTest.Timeout(20);
        var journal = new Sequence(); // -1: nothing written yet
        var gateway = h.Gateway(journal: journal);
        await gateway.StartAsync(ct);
        var (bid, _) = h.Touch();
        var order = h.NewOrder(8, Side.Buy, OrderType.Limit, bid - 50_000, 100);

        gateway.Submit(in order, 41, Sink);
        await TestOrders.WaitUntil(() => gateway.Stats.HeldByGate, ct);
        journal.SetValue(40); // not far enough
        await Task.Delay(100, ct);
        Assert.True(gateway.Stats.HeldByGate);
        Assert.Equal(0, gateway.Stats.Sent);
        Assert.Equal(0, h.Host.Orders.Submissions(ExecutionHarness.ClientId(8)));
        Assert.Empty(h.Collector.Items);

        journal.SetValue(41);

        var accepted = await h.Collector.WaitForAsync(r => r.ClientOrderId == order.ClientOrderId, ct);
        Assert.Equal(ExecutionReportKind.Accepted, accepted.Kind);
        Assert.Equal(1, gateway.Stats.Sent);
        Assert.Equal(1, gateway.Stats.GateWaits);
        Assert.False(gateway.Stats.HeldByGate);
    }

    [Fact]
    public async Task The_server_clock_offset_is_applied_to_signed_timestamps()
    {
        var skew = TimeSpan.FromSeconds(30); // the venue's clock runs 30 s ahead of ours
        await using var h = await ExecutionHarness.StartAsync(o => o.ClockSkew = skew);
        var ct = SimTest.Timeout(20);
        var gateway = h.Gateway(new BinanceGatewayOptions { JournalTag = ExecutionHarness.Tag, PollInterval = TimeSpan.FromMilliseconds(50), SyncServerClock = false });
        await gateway.StartAsync(ct);
        var (bid, _) = h.Touch();

        // Unsynced: our timestamp is 30 s behind the venue's clock, outside recvWindow.
        var first = h.NewOrder(9, Side.Buy, OrderType.Limit, bid - 50_000, 100);
        gateway.Submit(in first, 0, Sink);
        var rejected = await h.Collector.WaitForAsync(r => r.ClientOrderId == first.ClientOrderId, ct);
        Assert.Equal(ExecutionReportKind.Rejected, rejected.Kind);
        Assert.Equal(-1021, rejected.Code);

        await h.Client.Clock.SyncAsync(ct);
        Assert.InRange(h.Client.Clock.OffsetMs, 28_000, 32_000);

        var second = h.NewOrder(10, Side.Buy, OrderType.Limit, bid - 50_000, 100);
        gateway.Submit(in second, 1, Sink);
        var accepted = await h.Collector.WaitForAsync(r => r.ClientOrderId == second.ClientOrderId, ct);
        Assert.Equal(ExecutionReportKind.Accepted, accepted.Kind);
    }

    [Fact]
    public async Task A_second_submit_with_the_same_client_id_is_never_sent()
    {
        await using var h = await ExecutionHarness.StartAsync();
        var ct = SimTest.Timeout(20);
        var gateway = h.Gateway();
        await gateway.StartAsync(ct);
        var (bid, _) = h.Touch();
        var order = h.NewOrder(11, Side.Buy, OrderType.Limit, bid - 50_000, 100);

        gateway.Submit(in order, 0, Sink);
        gateway.Submit(in order, 1, Sink);

        await h.Collector.WaitForAsync(r => r.ClientOrderId == order.ClientOrderId, ct);
        await TestOrders.WaitUntil(() => gateway.Stats.DuplicateSubmits == 1, ct);
        Assert.Equal(1, gateway.Stats.Sent);
        Assert.Equal(1, h.Host.Orders.Submissions(ExecutionHarness.ClientId(11)));
    }

    [Fact]
    public async Task A_full_queue_rejects_on_the_trading_thread_without_io()
    {
        await using var h = await ExecutionHarness.StartAsync();
        // Not started: nothing drains the queue.
        var gateway = h.Gateway(new BinanceGatewayOptions { JournalTag = ExecutionHarness.Tag, QueueCapacity = 2 });
        var sink = new ListSink();
        var a = h.NewOrder(20, Side.Buy, OrderType.Limit, 100, 1);
        var b = h.NewOrder(21, Side.Buy, OrderType.Limit, 100, 1);
        var c = h.NewOrder(22, Side.Buy, OrderType.Limit, 100, 1);
        c.UpdatedNs = 123_456;

        gateway.Submit(in a, 0, sink);
        gateway.Submit(in b, 0, sink);
        gateway.Submit(in c, 0, sink);

        var r = Assert.Single(sink.Reports);
        Assert.Equal(ExecutionReportKind.Rejected, r.Kind);
        Assert.Equal(BinanceGatewayCodes.QueueFull, r.Code);
        Assert.Equal(c.ClientOrderId, r.ClientOrderId);
        Assert.Equal(123_456, r.TimeNs); // engine time, not the wall clock
        Assert.Equal(2, gateway.QueuedCommands);
        Assert.Equal(1, gateway.Stats.QueueFull);
    }

    [Fact]
    public async Task Keys_secrets_and_signatures_never_reach_the_logs()
    {
        await using var h = await ExecutionHarness.StartAsync();
        var ct = SimTest.Timeout(30);
        var gateway = h.Gateway();
        await gateway.StartAsync(ct);
        var (bid, _) = h.Touch();
        var resting = h.NewOrder(30, Side.Buy, OrderType.Limit, bid - 50_000, 100);
        gateway.Submit(in resting, 0, Sink);
        await h.Collector.WaitForAsync(r => r.ClientOrderId == resting.ClientOrderId, ct);
        // A 429 on a signed GET makes the REST client log the request path (query string and signature).
        h.Host.Faults.InjectNext(FaultKind.RateLimit429, Venue.Binance);
        await TestOrders.WaitUntil(() => h.Logger.Lines.Any(l => l.Contains("429", StringComparison.Ordinal)), ct);
        var lost = h.NewOrder(31, Side.Buy, OrderType.Limit, bid - 50_000, 100);
        h.Host.Faults.InjectNext(FaultKind.DropOrderResponse, Venue.Binance);
        gateway.Submit(in lost, 1, Sink);
        await h.Collector.WaitForAsync(r => r.ClientOrderId == lost.ClientOrderId, ct);
        var rejected = h.NewOrder(32, Side.Buy, OrderType.Limit, bid + 100_000, 100, TimeInForce.PostOnly);
        gateway.Submit(in rejected, 2, Sink);
        await h.Collector.WaitForAsync(r => r.ClientOrderId == rejected.ClientOrderId, ct);
        await gateway.StopAsync();

        var lines = h.Logger.Lines;
        Assert.NotEmpty(lines);
        Assert.Contains(lines, l => l.Contains("signature=[redacted]", StringComparison.Ordinal)); // the scrubbing ran
        foreach (var line in lines)
        {
            Assert.DoesNotContain(ExecutionHarness.Key, line, StringComparison.Ordinal);
            Assert.DoesNotContain(ExecutionHarness.Secret, line, StringComparison.Ordinal);
            Assert.DoesNotMatch("[0-9a-f]{64}", line);
        }
        var credentials = new BinanceCredentials(ExecutionHarness.Key, ExecutionHarness.Secret);
        Assert.DoesNotContain(ExecutionHarness.Key, credentials.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(ExecutionHarness.Secret, credentials.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_order_for_a_non_Binance_instrument_is_rejected_without_a_request()
    {
        await using var h = await ExecutionHarness.StartAsync();
        var ct = SimTest.Timeout(20);
        var gateway = h.Gateway();
        await gateway.StartAsync(ct);
        Assert.True(h.Host.Registry.TryGet(Venue.Coinbase, "BTC-USD", out var coinbase));
        var order = h.NewOrder(40, Side.Buy, OrderType.Limit, 100, 1);
        order.InstrumentId = coinbase.Id;

        gateway.Submit(in order, 0, Sink);

        var rejected = await h.Collector.WaitForAsync(r => r.ClientOrderId == order.ClientOrderId, ct);
        Assert.Equal(ExecutionReportKind.Rejected, rejected.Kind);
        Assert.Equal(BinanceGatewayCodes.UnknownInstrument, rejected.Code);
        Assert.Equal(0, gateway.Stats.Sent);
    }
}

using TBot.Engine.Events;
using TBot.Engine.Execution.Paper;
using TBot.Engine.Orders;

namespace TBot.Engine.Tests.Execution;

/// <summary>Requests reach the simulated venue LatencyNs after they leave, in submission order.</summary>
public class PaperGatewayLatencyTests
{
    private readonly PaperVenue _venue = new(new PaperGatewayOptions { LatencyNs = 1_000, TakerFeeBps = 10 });

    [Fact]
    public void Latency_delays_acceptance_and_the_fill_uses_the_book_at_arrival()
    {
        _venue.Quote(9_900, 1_000, 10_000, 1_000, at: 0);
        _venue.Submit(_venue.MarketOrder(1, Side.Buy, 500));
        Assert.Empty(_venue.Recorded.Reports);
        Assert.Equal(1, _venue.Gateway.PendingCount);

        _venue.Quote(9_900, 1_000, 10_100, 1_000, at: 500);
        _venue.Timer(999);
        Assert.Empty(_venue.Recorded.Reports);

        _venue.Quote(9_900, 1_000, 10_200, 1_000, at: 1_000);
        var r = _venue.Recorded.Take();
        Assert.Equal(2, r.Count);
        ReportAssert.Kind(ExecutionReportKind.Accepted, 1, r[0]);
        Assert.Equal(PaperVenue.T0 + 1_000, r[0].TimeNs);
        ReportAssert.Fill(r[1], 1, price: 10_200, quantity: 500, cumulative: 500, maker: false, fee: 5_100_000);
        Assert.Equal(PaperVenue.T0 + 1_000, r[1].TimeNs);
        Assert.Equal(0, _venue.Gateway.PendingCount);
    }

    [Fact]
    public void Arrivals_come_in_submission_order_on_the_first_event_at_or_after_their_time()
    {
        _venue.Quote(9_900, 1_000, 10_000, 1_000, at: 0);
        _venue.Submit(_venue.Limit(1, Side.Buy, 9_800, 100));
        _venue.Timer(400);
        _venue.Submit(_venue.Limit(2, Side.Buy, 9_800, 100));
        _venue.Submit(_venue.Limit(3, Side.Sell, 10_200, 100));

        _venue.Timer(1_200); // #1 is due (1 000), #2 and #3 are not (1 400)
        ReportAssert.Kind(ExecutionReportKind.Accepted, 1, Assert.Single(_venue.Recorded.Take()));

        _venue.Timer(5_000);
        var r = _venue.Recorded.Take();
        Assert.Equal([2L, 3L], r.Select(x => x.ClientOrderId).ToArray());
        Assert.All(r, x => Assert.Equal(PaperVenue.T0 + 5_000, x.TimeNs));
    }

    [Fact]
    public void A_cancel_sent_before_the_order_arrived_cancels_it_right_after_its_arrival()
    {
        _venue.Quote(9_900, 1_000, 10_000, 1_000, at: 0);
        _venue.Submit(_venue.Limit(5, Side.Buy, 9_800, 300));
        _venue.Timer(10);
        _venue.Cancel(5);

        _venue.Timer(1_005); // the order is there (1 000), the cancel not yet (1 010)
        ReportAssert.Kind(ExecutionReportKind.Accepted, 5, Assert.Single(_venue.Recorded.Take()));
        Assert.Equal(1, _venue.Gateway.RestingCount);

        _venue.Timer(1_010);
        var cancelled = Assert.Single(_venue.Recorded.Take());
        ReportAssert.Kind(ExecutionReportKind.Cancelled, 5, cancelled);
        Assert.Equal(PaperVenue.T0 + 1_010, cancelled.TimeNs);
        Assert.Equal(300, cancelled.Quantity);
        Assert.Equal(0, cancelled.CumulativeQuantity);
        Assert.Equal(1, cancelled.VenueOrderId);
        Assert.Equal(0, _venue.Gateway.RestingCount);
    }

    [Fact]
    public void Order_and_cancel_due_by_the_same_event_are_accepted_then_cancelled()
    {
        _venue.Quote(9_900, 1_000, 10_000, 1_000, at: 0);
        _venue.Submit(_venue.Limit(5, Side.Buy, 9_800, 300));
        _venue.Cancel(5);

        _venue.Quote(9_900, 1_000, 10_000, 1_000, at: 2_000);

        var r = _venue.Recorded.Take();
        Assert.Equal(2, r.Count);
        ReportAssert.Kind(ExecutionReportKind.Accepted, 5, r[0]);
        ReportAssert.Kind(ExecutionReportKind.Cancelled, 5, r[1]);
        Assert.Equal(0, _venue.Gateway.IgnoredCancels);
    }

    [Fact]
    public void Cancels_of_unknown_or_filled_orders_are_ignored_and_counted()
    {
        _venue.Quote(9_900, 1_000, 10_000, 1_000, at: 0);
        _venue.Submit(_venue.MarketOrder(1, Side.Buy, 100));
        _venue.Cancel(1);
        _venue.Cancel(42);

        _venue.Timer(2_000);

        var r = _venue.Recorded.Take();
        Assert.Equal([ExecutionReportKind.Accepted, ExecutionReportKind.Fill], r.Select(x => x.Kind).ToArray());
        Assert.Equal(2, _venue.Gateway.IgnoredCancels);
    }

    [Fact]
    public void A_cancel_that_arrives_after_a_partial_fill_reports_the_filled_quantity()
    {
        _venue.Quote(9_900, 1_000, 10_100, 1_000, at: 0);
        _venue.Submit(_venue.Limit(1, Side.Buy, 10_000, 1_000));
        _venue.Timer(1_000);
        _venue.Trade(10_000, 400, Side.Sell, at: 1_500);
        _venue.Cancel(1);
        _venue.Timer(2_500);

        var r = _venue.Recorded.Take();
        Assert.Equal([ExecutionReportKind.Accepted, ExecutionReportKind.Fill, ExecutionReportKind.Cancelled], r.Select(x => x.Kind).ToArray());
        Assert.Equal(400, r[2].CumulativeQuantity);
        Assert.Equal(1_000, r[2].Quantity);
    }

    [Fact]
    public void Arrivals_wait_for_the_last_level_of_a_book_message()
    {
        _venue.Quote(9_900, 1_000, 10_000, 1_000, at: 0);
        _venue.Submit(_venue.MarketOrder(1, Side.Buy, 1_500));

        // Half-way through this snapshot the asks are still empty (the stale 100.00 quote would be used).
        _venue.Snapshot([(9_900, 1_000)], [(10_100, 1_000), (10_200, 1_000)], at: 2_000);

        var r = _venue.Recorded.Take();
        Assert.Equal(3, r.Count);
        ReportAssert.Fill(r[1], 1, price: 10_100, quantity: 1_000, cumulative: 1_000, maker: false, fee: 10_100_000);
        ReportAssert.Fill(r[2], 1, price: 10_200, quantity: 500, cumulative: 1_500, maker: false, fee: 5_100_000);
    }

    [Fact]
    public void With_zero_latency_a_submission_made_mid_message_waits_for_the_last_level()
    {
        var venue = new PaperVenue(new PaperGatewayOptions());
        venue.Quote(9_900, 1_000, 10_000, 1_000, at: 0);
        venue.Publish(new MarketEvent
        {
            Kind = MarketEventKind.BookSnapshotLevel, InstrumentId = venue.Btc, Side = Side.Buy, Price = 9_900, Quantity = 1_000,
            Flags = EventFlags.FirstInMessage, ReceiveTimeNs = PaperVenue.T0 + 10,
        });
        venue.Submit(venue.MarketOrder(1, Side.Buy, 500));
        Assert.Empty(venue.Recorded.Reports);

        venue.Publish(new MarketEvent
        {
            Kind = MarketEventKind.BookSnapshotLevel, InstrumentId = venue.Btc, Side = Side.Sell, Price = 10_100, Quantity = 1_000,
            Flags = EventFlags.LastInMessage, ReceiveTimeNs = PaperVenue.T0 + 10,
        });
        var r = venue.Recorded.Take();
        Assert.Equal(2, r.Count);
        ReportAssert.Fill(r[1], 1, price: 10_100, quantity: 500, cumulative: 500, maker: false, fee: 0);
    }

    [Fact]
    public void A_full_pending_queue_rejects_submissions_at_once_and_drops_cancels()
    {
        var venue = new PaperVenue(new PaperGatewayOptions { LatencyNs = 1_000, PendingCapacity = 2 });
        venue.Quote(9_900, 1_000, 10_000, 1_000, at: 0);
        venue.Submit(venue.Limit(1, Side.Buy, 9_800, 100));
        venue.Submit(venue.Limit(2, Side.Buy, 9_800, 100));
        venue.Submit(venue.Limit(3, Side.Buy, 9_800, 100));
        venue.Cancel(1);

        var rejected = Assert.Single(venue.Recorded.Take());
        ReportAssert.Kind(ExecutionReportKind.Rejected, 3, rejected);
        Assert.Equal(PaperRejectCodes.PendingQueueFull, rejected.Code);
        Assert.Equal(1, venue.Gateway.DroppedCancels);

        venue.Timer(1_000);
        Assert.Equal(2, venue.Recorded.Take().Count);
        Assert.Equal(2, venue.Gateway.RestingCount);
    }
}

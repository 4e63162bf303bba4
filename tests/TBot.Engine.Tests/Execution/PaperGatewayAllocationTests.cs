using TBot.Engine.Execution.Paper;
using TBot.Engine.Orders;

namespace TBot.Engine.Tests.Execution;

/// <summary>The paper gateway runs inside the trading handler: after warm-up it must not allocate at all,
/// whatever it does (arrivals, taker walks, maker fills, cancels, rejections).</summary>
public class PaperGatewayAllocationTests
{
    private const int WarmUp = 100_000;
    private const int Measured = 1_000_000;

    [Fact]
    public void A_million_market_events_with_resting_orders_allocate_nothing()
    {
        var sink = new CountingReportSink();
        var venue = new PaperVenue(new PaperGatewayOptions { LatencyNs = 2_500, TakerFeeBps = 10, MakerFeeBps = -1, Capacity = 256 }, sink);
        var script = new PaperScript(venue, seed: 11);
        script.Run(WarmUp);
        var fillsBefore = sink.Count(ExecutionReportKind.Fill);
        var cancelsBefore = sink.Count(ExecutionReportKind.Cancelled);

        var before = GC.GetAllocatedBytesForCurrentThread();
        script.Run(Measured);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.True(sink.Count(ExecutionReportKind.Fill) - fillsBefore > 10_000, "the measured run made too few fills");
        Assert.True(sink.Count(ExecutionReportKind.Cancelled) - cancelsBefore > 1_000, "the measured run cancelled too little");
        Assert.True(venue.Gateway.RestingCount > 0, "no orders were resting");
        Assert.Equal(0, sink.TradeIdRegressions);
    }
}

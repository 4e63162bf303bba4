using TBot.Engine.Execution.Paper;
using TBot.Engine.Orders;

namespace TBot.Engine.Tests.Execution;

public class PaperGatewayDeterminismTests
{
    [Theory]
    [InlineData(0L)]
    [InlineData(2_500L)]
    public void Same_event_sequence_gives_identical_reports(long latencyNs)
    {
        var first = Run(latencyNs, seed: 42);
        var second = Run(latencyNs, seed: 42);
        var other = Run(latencyNs, seed: 7);

        Assert.Equal(first.Count, second.Count);
        for (var i = 0; i < first.Count; i++) Assert.Equal(first[i], second[i]);
        Assert.NotEqual(first, other);

        // The session really exercised the model.
        Assert.True(first.Count(r => r.Kind == ExecutionReportKind.Fill && r.IsMaker) > 50);
        Assert.True(first.Count(r => r.Kind == ExecutionReportKind.Fill && !r.IsMaker) > 50);
        Assert.True(first.Count(r => r.Kind == ExecutionReportKind.Cancelled) > 10);
        Assert.True(first.Count(r => r.Kind == ExecutionReportKind.Expired) > 10);
        Assert.True(first.Count(r => r.Kind == ExecutionReportKind.Rejected) > 10);
        var tradeIds = first.Where(r => r.Kind == ExecutionReportKind.Fill).Select(r => r.TradeId).ToArray();
        for (var i = 1; i < tradeIds.Length; i++) Assert.True(tradeIds[i] > tradeIds[i - 1]);
    }

    [Fact]
    public void No_order_ever_fills_beyond_its_quantity()
    {
        var reports = Run(1_000, seed: 3);
        var filled = new Dictionary<long, long>();
        var quantity = new Dictionary<long, long>();
        foreach (var r in reports)
        {
            if (r.Kind == ExecutionReportKind.Accepted) quantity[r.ClientOrderId] = r.Quantity;
            if (r.Kind != ExecutionReportKind.Fill) continue;
            filled[r.ClientOrderId] = filled.GetValueOrDefault(r.ClientOrderId) + r.Quantity;
            Assert.Equal(filled[r.ClientOrderId], r.CumulativeQuantity);
            Assert.True(r.CumulativeQuantity <= quantity[r.ClientOrderId]);
            Assert.True(r.Quantity > 0);
        }
        Assert.NotEmpty(filled);
    }

    private static List<ExecutionReport> Run(long latencyNs, ulong seed)
    {
        var venue = new PaperVenue(new PaperGatewayOptions { LatencyNs = latencyNs, TakerFeeBps = 7.5m, MakerFeeBps = 1, Capacity = 64 });
        new PaperScript(venue, seed).Run(20_000);
        return venue.Recorded.Reports;
    }
}

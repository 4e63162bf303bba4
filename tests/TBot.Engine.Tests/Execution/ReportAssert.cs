using TBot.Engine.Orders;

namespace TBot.Engine.Tests.Execution;

/// <summary>Compact checks of one execution report.</summary>
internal static class ReportAssert
{
    public static void Kind(ExecutionReportKind kind, long clientOrderId, in ExecutionReport r)
    {
        Assert.Equal(kind, r.Kind);
        Assert.Equal(clientOrderId, r.ClientOrderId);
    }

    public static void Fill(in ExecutionReport r, long clientOrderId, long price, long quantity, long cumulative, bool maker, long fee)
    {
        Assert.Equal(ExecutionReportKind.Fill, r.Kind);
        Assert.Equal(clientOrderId, r.ClientOrderId);
        Assert.Equal(price, r.Price);
        Assert.Equal(quantity, r.Quantity);
        Assert.Equal(cumulative, r.CumulativeQuantity);
        Assert.Equal(maker, r.IsMaker);
        Assert.Equal(fee, r.Fee);
    }
}

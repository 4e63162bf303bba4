using TBot.Engine.Orders;

namespace TBot.Engine.Tests.Execution;

/// <summary>Counts reports without allocating (for the allocation test), and checks trade ids keep increasing.</summary>
internal sealed class CountingReportSink : IExecutionReportSink
{
    private readonly long[] _byKind = new long[8];

    public long LastTradeId { get; private set; }

    public long TradeIdRegressions { get; private set; }

    public long FilledQuantity { get; private set; }

    public long Count(ExecutionReportKind kind) => _byKind[(int)kind];

    public void OnReport(in ExecutionReport report)
    {
        _byKind[(int)report.Kind]++;
        if (report.Kind != ExecutionReportKind.Fill) return;
        if (report.TradeId <= LastTradeId) TradeIdRegressions++;
        LastTradeId = report.TradeId;
        FilledQuantity += report.Quantity;
    }
}

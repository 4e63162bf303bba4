namespace TBot.Engine.Orders;

/// <summary>Takes execution reports on the trading thread (the order manager).</summary>
public interface IExecutionReportSink
{
    void OnReport(in ExecutionReport report);
}

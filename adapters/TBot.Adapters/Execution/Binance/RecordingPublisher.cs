using TBot.Engine.Orders;

namespace TBot.Adapters.Execution.Binance;

/// <summary>Passes reports on and keeps a copy (reconciliation lists what it reported).</summary>
internal sealed class RecordingPublisher(IReportPublisher inner) : IReportPublisher
{
    private readonly List<ExecutionReport> _reports = [];

    public IReadOnlyList<ExecutionReport> Reports => _reports;

    public void Publish(in ExecutionReport r)
    {
        inner.Publish(in r);
        lock (_reports) _reports.Add(r);
    }
}

using TBot.Engine.Orders;

namespace TBot.Engine.Tests.Execution;

/// <summary>Keeps every report, in order.</summary>
internal sealed class RecordingReportSink : IExecutionReportSink
{
    public List<ExecutionReport> Reports { get; } = [];

    public void OnReport(in ExecutionReport report) => Reports.Add(report);

    /// <summary>The reports received since the last call.</summary>
    public List<ExecutionReport> Take()
    {
        var taken = new List<ExecutionReport>(Reports);
        Reports.Clear();
        return taken;
    }
}

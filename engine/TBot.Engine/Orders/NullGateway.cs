using TBot.Engine.Events;

namespace TBot.Engine.Orders;

/// <summary>Sends nothing: used while the engine rebuilds its state from a journal (orders already went out,
/// their reports are in the journal) and when replaying a live run.</summary>
public sealed class NullGateway : IExecutionGateway
{
    public static readonly NullGateway Instance = new();

    public bool ReportsViaRing => true;

    public void Submit(in Order order, long sequence, IExecutionReportSink reports) { }

    public void Cancel(in Order order, long sequence, IExecutionReportSink reports) { }

    public void OnMarketEvent(in MarketEvent e, long nowNs, IExecutionReportSink reports) { }
}

using TBot.Engine.Events;
using TBot.Engine.Orders;

namespace TBot.Engine.Tests.Orders;

/// <summary>Remembers what was sent; reports nothing by itself.</summary>
internal sealed class RecordingGateway : IExecutionGateway
{
    public List<Order> Submitted { get; } = [];
    public List<long> Cancelled { get; } = [];
    public bool ReportsViaRing => true;
    public void Submit(in Order order, long sequence, IExecutionReportSink reports) => Submitted.Add(order);
    public void Cancel(in Order order, long sequence, IExecutionReportSink reports) => Cancelled.Add(order.ClientOrderId);
    public void OnMarketEvent(in MarketEvent e, long nowNs, IExecutionReportSink reports) { }
}

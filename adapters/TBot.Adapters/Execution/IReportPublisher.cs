using TBot.Engine.Orders;

namespace TBot.Adapters.Execution;

/// <summary>
/// Where a live gateway's execution reports go: onto the ring, so the journal records them and the trading
/// thread applies them in order with market data. Called from I/O threads; implementations are thread-safe.
/// </summary>
public interface IReportPublisher
{
    void Publish(in ExecutionReport r);
}

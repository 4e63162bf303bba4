using TBot.Engine.Events;

namespace TBot.Engine.Orders;

/// <summary>
/// Where accepted orders go. Called on the trading thread only; must not block or allocate. A synchronous
/// gateway (paper) reports straight into the sink it is given; an asynchronous one (live) hands the work to
/// its own I/O side and its reports come back as ring events, so the journal sees them.
/// </summary>
public interface IExecutionGateway
{
    /// <summary>Reports arrive on the ring (live) rather than through <see cref="OnMarketEvent"/>'s sink.</summary>
    bool ReportsViaRing { get; }

    /// <summary>Send a new order (its status is <see cref="OrderStatus.Submitted"/>). <paramref name="sequence"/>
    /// is the ring sequence of the event that caused it: a write-ahead gateway sends only once the journal has
    /// written that far.</summary>
    void Submit(in Order order, long sequence, IExecutionReportSink reports);

    /// <summary>Ask to cancel an open order.</summary>
    void Cancel(in Order order, long sequence, IExecutionReportSink reports);

    /// <summary>Every ring event, after the market state applied it: the paper gateway matches here.</summary>
    void OnMarketEvent(in MarketEvent e, long nowNs, IExecutionReportSink reports);
}

using TBot.Engine.Orders;

namespace TBot.Adapters.Execution.Binance;

public enum ReconciliationActionKind : byte
{
    /// <summary>An execution report went to the engine (<see cref="ReconciliationAction.Report"/>).</summary>
    Reported = 1,
    /// <summary>An unknown order was cancelled at the venue (policy Cancel).</summary>
    CancelledAtVenue = 2,
    /// <summary>Cancelling an unknown order failed (it may still be working).</summary>
    CancelFailed = 3,
}

/// <summary>What reconciliation did about one order.</summary>
public readonly record struct ReconciliationAction(
    ReconciliationActionKind Kind,
    int InstrumentId,
    long ClientOrderId,
    long VenueOrderId,
    ExecutionReportKind Report,
    long Quantity,
    string Detail);

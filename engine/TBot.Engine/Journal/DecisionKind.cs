namespace TBot.Engine.Journal;

/// <summary>What the trading core decided. Values are stable: they are written into journals.</summary>
public enum DecisionKind : byte
{
    None = 0,
    /// <summary>An intent passed risk and became an order (status New → Submitted).</summary>
    OrderSubmitted = 1,
    /// <summary>Risk refused an intent; <see cref="DecisionRecord.Reason"/> is the risk reason code.</summary>
    RiskRejected = 2,
    /// <summary>An order changed status (<see cref="DecisionRecord.FromStatus"/> → <see cref="DecisionRecord.ToStatus"/>).</summary>
    OrderStatusChanged = 3,
    /// <summary>A fill was applied (price, quantity, fee, position after).</summary>
    Fill = 4,
    /// <summary>A report asked for an illegal transition or was a duplicate; counted, not applied.</summary>
    ReportIgnored = 5,
    /// <summary>The kill switch fired for a bot (Reason says why).</summary>
    KillSwitch = 6,
    /// <summary>A cancel was sent for an open order.</summary>
    CancelRequested = 7,
    /// <summary>An operator command (risk limit change, pause, resume) applied at this point of the stream.</summary>
    Control = 8,
    /// <summary>Start-up reconciliation found a difference with the venue and resolved it.</summary>
    Reconciled = 9,
}

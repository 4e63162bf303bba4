namespace TBot.Engine.Orders;

/// <summary>Why an execution report was not applied. Values are stable (journaled in DecisionRecord.Reason).</summary>
public enum ReportIgnoredReason : byte
{
    None = 0,
    /// <summary>No such order (never ours, or finished long ago and evicted).</summary>
    UnknownOrder = 1,
    /// <summary>A fill whose trade id was already applied (duplicated or replayed report).</summary>
    DuplicateFill = 2,
    /// <summary>A fill that would take the filled quantity past the order quantity.</summary>
    Overfill = 3,
    /// <summary>The report asks for a transition the state machine does not allow (e.g. Filled → Cancelled).</summary>
    IllegalTransition = 4,
    /// <summary>An acknowledgement arriving after fills already moved the order on.</summary>
    LateAck = 5,
    /// <summary>A fill for the wrong instrument or with a non-positive price or quantity.</summary>
    InvalidFill = 6,
}

namespace TBot.Engine.Execution.Paper;

/// <summary>A submission or cancel on its way to the simulated venue, due at <see cref="DueNs"/> (engine time).</summary>
internal struct PendingAction
{
    public PendingActionKind Kind;
    public long DueNs;
    /// <summary>Submit: the whole order. Cancel: only its client order id is used.</summary>
    public PaperOrder Order;
}

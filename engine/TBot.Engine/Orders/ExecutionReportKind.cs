namespace TBot.Engine.Orders;

/// <summary>What a venue (or the paper gateway) says about an order. Values are stable (journaled).</summary>
public enum ExecutionReportKind : byte
{
    None = 0,
    Accepted = 1,
    Rejected = 2,
    /// <summary>A fill of <see cref="ExecutionReport.Quantity"/> at <see cref="ExecutionReport.Price"/>.</summary>
    Fill = 3,
    Cancelled = 4,
    Expired = 5,
}

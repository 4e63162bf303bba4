namespace TBot.Engine.Execution.Paper;

/// <summary>
/// <see cref="Orders.ExecutionReport.Code"/> of the paper gateway's rejections. Positive and in their own range
/// so they never collide with venue error codes (Binance's are negative). Values are stable: they are journaled.
/// </summary>
public static class PaperRejectCodes
{
    public const int UnknownInstrument = 9001;
    /// <summary>Quantity not positive or not a multiple of the instrument's step size.</summary>
    public const int InvalidQuantity = 9002;
    /// <summary>Limit price not positive or not a multiple of the instrument's tick size.</summary>
    public const int InvalidPrice = 9003;
    /// <summary>Unknown side, order type or time in force (or a post-only market order).</summary>
    public const int InvalidOrderType = 9004;
    /// <summary>No two-sided quote for the instrument when the order arrived, or its book is stale.</summary>
    public const int NoQuote = 9005;
    /// <summary>A post-only order that would have taken liquidity.</summary>
    public const int PostOnlyWouldCross = 9006;
    /// <summary>The order could rest but the venue already holds <see cref="PaperGatewayOptions.Capacity"/> orders.</summary>
    public const int CapacityExceeded = 9007;
    /// <summary>More submissions in flight than <see cref="PaperGatewayOptions.PendingCapacity"/>.</summary>
    public const int PendingQueueFull = 9008;
}

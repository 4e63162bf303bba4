namespace TBot.Persistence.Postgres.Warm;

/// <summary>One order decision for <c>order_history</c>, keyed by (client order id, time, journal position).
/// Quantity is the decision's: the order quantity, a fill's quantity, or what a cancel leaves open.</summary>
public sealed record OrderHistoryRow(DateTime TimeUtc, long ClientOrderId, int BotId, int InstrumentId, string Event,
    string? FromStatus, string? ToStatus, decimal? Price, decimal Quantity, decimal? FilledQuantity, long JournalPosition);

namespace TBot.Persistence.Postgres.Warm;

/// <summary>A bot's position on an instrument after its latest fill in the batch.</summary>
public sealed record PositionRow(int BotId, int InstrumentId, string Venue, string Symbol, decimal Quantity,
    decimal RealizedPnl, DateTime UpdatedUtc, long JournalPosition);

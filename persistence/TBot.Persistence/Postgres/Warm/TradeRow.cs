namespace TBot.Persistence.Postgres.Warm;

/// <summary>One fill, keyed by (client order id, venue trade id).</summary>
public sealed record TradeRow(long ClientOrderId, long TradeId, int BotId, int InstrumentId, string Venue, string Symbol,
    string Side, decimal Price, decimal Quantity, decimal Fee, bool IsMaker, DateTime TradedUtc, long JournalPosition);

namespace TBot.Persistence.Postgres.Warm;

/// <summary>The latest state of one order within a batch. A fill alone does not carry the order's price and
/// quantity, so an order seen only through fills is a status-only row (<see cref="HasFullState"/> false)
/// that updates an existing row instead of inserting one.</summary>
public sealed class OrderRow
{
    public required long ClientOrderId { get; init; }
    public required bool HasFullState { get; init; }
    public string ClientOrderText { get; init; } = "";
    public int BotId { get; init; }
    public int InstrumentId { get; init; }
    public string Venue { get; init; } = "";
    public string Symbol { get; init; } = "";
    public string Side { get; init; } = "";
    public string Type { get; init; } = "";
    public decimal? Price { get; init; }
    public decimal Quantity { get; init; }
    public decimal FilledQuantity { get; set; }
    public long? VenueOrderId { get; set; }
    public DateTime CreatedUtc { get; init; }
    public required string Status { get; set; }
    public required DateTime UpdatedUtc { get; set; }
    public required long JournalPosition { get; set; }
}

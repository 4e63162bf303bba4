using System.Text.Json.Serialization;

namespace TBot.Persistence.Redis;

/// <summary>Published on <c>tbot:trades</c> for every fill of one of our orders.</summary>
public sealed record TradeUpdate
{
    [JsonPropertyName("journal")] public string JournalId { get; init; } = "";
    [JsonPropertyName("position")] public long JournalPosition { get; init; }
    [JsonPropertyName("bot")] public int Bot { get; init; }
    [JsonPropertyName("venue")] public string Venue { get; init; } = "";
    [JsonPropertyName("symbol")] public string Symbol { get; init; } = "";
    [JsonPropertyName("side")] public string Side { get; init; } = "";
    [JsonPropertyName("price")] public decimal Price { get; init; }
    [JsonPropertyName("qty")] public decimal Quantity { get; init; }
    [JsonPropertyName("fee")] public decimal Fee { get; init; }
    [JsonPropertyName("trade_id")] public long TradeId { get; init; }
    [JsonPropertyName("client_order_id")] public long ClientOrderId { get; init; }
    [JsonPropertyName("t")] public long TimeNs { get; init; }
}

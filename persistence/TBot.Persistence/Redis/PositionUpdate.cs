using System.Text.Json.Serialization;

namespace TBot.Persistence.Redis;

/// <summary>Published on <c>tbot:positions</c> after a fill changed a bot's position. <see cref="JournalPosition"/>
/// lets a receiver drop an update older than one it already has (after a re-projection).</summary>
public sealed record PositionUpdate
{
    [JsonPropertyName("journal")] public string JournalId { get; init; } = "";
    [JsonPropertyName("position")] public long JournalPosition { get; init; }
    [JsonPropertyName("bot")] public int Bot { get; init; }
    [JsonPropertyName("venue")] public string Venue { get; init; } = "";
    [JsonPropertyName("symbol")] public string Symbol { get; init; } = "";
    [JsonPropertyName("qty")] public decimal Quantity { get; init; }
    [JsonPropertyName("realized_pnl")] public decimal RealizedPnl { get; init; }
    [JsonPropertyName("t")] public long TimeNs { get; init; }
}

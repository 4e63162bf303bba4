using System.Text.Json.Serialization;

namespace TBot.Engine.Risk;

/// <summary>A bot's order rate on one venue: <c>orders_per_second</c> with bursts of up to <c>burst</c> (default: one second's worth).</summary>
[JsonNumberHandling(JsonNumberHandling.AllowReadingFromString)]
public sealed class VenueOrderRateConfig
{
    [JsonPropertyName("orders_per_second")] public int? OrdersPerSecond { get; set; }
    [JsonPropertyName("burst")] public int? Burst { get; set; }
}

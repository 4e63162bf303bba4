using System.Text.Json.Serialization;

namespace TBot.Engine.Risk;

/// <summary>Quantity limits of one instrument, in base units as users write them ("0.5"); null = no limit.</summary>
[JsonNumberHandling(JsonNumberHandling.AllowReadingFromString)]
public sealed class InstrumentRiskConfig
{
    [JsonPropertyName("max_order_quantity")] public decimal? MaxOrderQuantity { get; set; }
    [JsonPropertyName("max_position_quantity")] public decimal? MaxPositionQuantity { get; set; }
}

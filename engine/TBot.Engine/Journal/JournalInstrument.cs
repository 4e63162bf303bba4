using System.Text.Json.Serialization;
using TBot.Engine.Instruments;

namespace TBot.Engine.Journal;

/// <summary>An instrument as the journal's manifest records it: events carry only its id and mantissas, so
/// the scales are needed to read them back.</summary>
public sealed record JournalInstrument
{
    [JsonPropertyName("id")] public int Id { get; init; }
    /// <summary>Venue name ("binance", "coinbase", "okx").</summary>
    [JsonPropertyName("venue")] public string Venue { get; init; } = "";
    [JsonPropertyName("symbol")] public string Symbol { get; init; } = "";
    [JsonPropertyName("priceScale")] public int PriceScale { get; init; }
    [JsonPropertyName("quantityScale")] public int QuantityScale { get; init; }
    [JsonPropertyName("tickSize")] public long TickSize { get; init; }
    [JsonPropertyName("stepSize")] public long StepSize { get; init; }

    public static JournalInstrument From(Instrument instrument) => new()
    {
        Id = instrument.Id,
        Venue = VenueNames.Name(instrument.Venue),
        Symbol = instrument.Symbol,
        PriceScale = instrument.PriceScale,
        QuantityScale = instrument.QuantityScale,
        TickSize = instrument.TickSize,
        StepSize = instrument.StepSize,
    };
}

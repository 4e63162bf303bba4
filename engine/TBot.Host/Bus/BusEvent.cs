using System.Text.Json.Serialization;

namespace TBot.Host.Bus;

/// <summary>
/// One control-plane event on the <see cref="EventBus"/>: what happened (<see cref="Kind"/>), the ordering key
/// (events with the same key reach each subscriber in publication order), and the idempotency key a subscriber
/// dedupes on, so a re-delivered event has no second effect. Immutable; serialised as JSON for the Redis mirror.
/// </summary>
public sealed record BusEvent
{
    /// <summary>Dotted kind, see <see cref="BusEventKinds"/> (e.g. <c>bot.paused</c>, <c>venue.down</c>).</summary>
    [JsonPropertyName("kind")] public required string Kind { get; init; }

    /// <summary>Ordering key: <c>bot:1</c>, <c>venue:binance</c>, <c>projection:redis-hot</c>, <c>engine</c>.</summary>
    [JsonPropertyName("key")] public required string Key { get; init; }

    /// <summary>Unique per event and stable across re-deliveries: journal events use <c>{journal id}:{position}</c>.</summary>
    [JsonPropertyName("id")] public required string IdempotencyKey { get; init; }

    /// <summary>Journal id of the engine that produced the event.</summary>
    [JsonPropertyName("source")] public required string Source { get; init; }

    /// <summary>When it happened: engine time for journal events, the wall clock for polled state.</summary>
    [JsonPropertyName("time")] public DateTimeOffset Time { get; init; }

    /// <summary>Details as strings (exact decimals, ids, names), e.g. <c>bot</c>, <c>venue</c>, <c>from</c>, <c>to</c>.</summary>
    [JsonPropertyName("data")] public IReadOnlyDictionary<string, string> Data { get; init; } = Empty;

    /// <summary>Received from another engine through the Redis mirror (never mirrored again).</summary>
    [JsonIgnore] public bool Remote { get; init; }

    private static readonly IReadOnlyDictionary<string, string> Empty = new Dictionary<string, string>();

    public string? Get(string name) => Data.TryGetValue(name, out var v) ? v : null;

    public override string ToString() => $"{Kind} [{Key}] {string.Join(" ", Data.Select(kv => $"{kv.Key}={kv.Value}"))}";
}

using System.Text.Json.Serialization;

namespace TBot.Host.Alerts;

/// <summary>One alert notification (the webhook's JSON body): a rule fired or resolved for a subject.</summary>
public sealed record Alert
{
    [JsonPropertyName("rule")] public required string Rule { get; init; }

    /// <summary><c>firing</c> or <c>resolved</c>.</summary>
    [JsonPropertyName("status")] public required string Status { get; init; }

    /// <summary>What it is about: <c>venue:binance</c>, <c>bot:1</c>, <c>projection:redis-hot</c>, <c>engine</c>.</summary>
    [JsonPropertyName("subject")] public required string Subject { get; init; }

    /// <summary><c>warning</c> or <c>error</c>.</summary>
    [JsonPropertyName("severity")] public required string Severity { get; init; }

    [JsonPropertyName("message")] public required string Message { get; init; }

    /// <summary>When the condition began (the episode's start).</summary>
    [JsonPropertyName("since")] public DateTimeOffset Since { get; init; }

    /// <summary>When this notification was raised.</summary>
    [JsonPropertyName("time")] public DateTimeOffset Time { get; init; }

    /// <summary>Journal id of the engine.</summary>
    [JsonPropertyName("engine")] public required string Engine { get; init; }

    /// <summary>Counts the subject's episodes of this rule in this process: fired and resolved of one episode share it.</summary>
    [JsonPropertyName("episode")] public long Episode { get; init; }

    /// <summary>The same for every retry of this notification: receivers dedupe on it.</summary>
    [JsonPropertyName("idempotency_key")] public required string IdempotencyKey { get; init; }
}

using System.Text.Json.Serialization;

namespace TBot.Host.Telemetry;

/// <summary>The <c>metrics</c> section of the run configuration.</summary>
public sealed class MetricsConfig
{
    /// <summary>Length of an aggregate in seconds (default 60; tests use a few seconds). Also
    /// <c>TBOT_METRICS_AGGREGATE_SECONDS</c> when the configuration does not set it.</summary>
    [JsonPropertyName("aggregateSeconds")] public int? AggregateSeconds { get; set; }
}

using System.Text.Json.Serialization;

namespace TBot.Host.Configuration;

/// <summary>The <c>alerts</c> section (rules and webhook are built by the alerting work; accepted and checked here so
/// one configuration file serves both).</summary>
public sealed class AlertsConfig
{
    /// <summary>http(s) URL alerts are POSTed to; none: alerts are logged only.</summary>
    [JsonPropertyName("webhook")] public string? Webhook { get; set; }

    /// <summary>Alert when a venue stays disconnected longer than this.</summary>
    [JsonPropertyName("disconnectedSeconds")] public double DisconnectedSeconds { get; set; } = 30;

    /// <summary>Alert when a projection lags the journal longer than this.</summary>
    [JsonPropertyName("projectionLagSeconds")] public double ProjectionLagSeconds { get; set; } = 10;

    public List<string> Problems()
    {
        var problems = new List<string>();
        if (Webhook is { Length: > 0 } w && (!Uri.TryCreate(w, UriKind.Absolute, out var u) || u.Scheme is not ("http" or "https") || string.IsNullOrEmpty(u.Host)))
            problems.Add($"alerts.webhook: '{SecretRedactor.RedactUrl(w)}' is not an http:// or https:// URL.");
        if (DisconnectedSeconds <= 0) problems.Add($"alerts.disconnectedSeconds: must be positive (got {DisconnectedSeconds}).");
        if (ProjectionLagSeconds <= 0) problems.Add($"alerts.projectionLagSeconds: must be positive (got {ProjectionLagSeconds}).");
        return problems;
    }
}

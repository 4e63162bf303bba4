using System.Text.Json.Serialization;

namespace TBot.Host.Alerts;

/// <summary>The <c>alerts</c> section of the run configuration (and <c>--alert-webhook</c>, which wins).</summary>
public sealed class AlertOptions
{
    /// <summary>URL that receives each alert (fired and resolved) as a JSON POST; none: alerts are only logged.</summary>
    [JsonPropertyName("webhook")] public string? Webhook { get; set; }

    /// <summary>A venue down (not every connection open) for longer than this fires <c>venue_disconnected</c>.</summary>
    [JsonPropertyName("disconnectedSeconds")] public double DisconnectedSeconds { get; set; } = 30;

    /// <summary>A projection whose oldest unapplied record waits longer than this fires <c>projection_lag</c>.</summary>
    [JsonPropertyName("projectionLagSeconds")] public double ProjectionLagSeconds { get; set; } = 10;

    /// <summary>Attempts per webhook POST (with exponential backoff and jitter) before the alert is dead-lettered.</summary>
    [JsonPropertyName("webhookAttempts")] public int WebhookAttempts { get; set; } = 8;

    public List<string> Problems()
    {
        var problems = new List<string>();
        if (Webhook is { Length: > 0 } url && (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || string.IsNullOrEmpty(uri.Host)))
            problems.Add($"alerts.webhook (or --alert-webhook): '{Configuration.SecretRedactor.RedactUrl(url)}' is not an http:// or https:// URL.");
        if (DisconnectedSeconds <= 0) problems.Add($"alerts.disconnectedSeconds: must be positive (got {DisconnectedSeconds}).");
        if (ProjectionLagSeconds <= 0) problems.Add($"alerts.projectionLagSeconds: must be positive (got {ProjectionLagSeconds}).");
        if (WebhookAttempts < 1) problems.Add("alerts.webhookAttempts must be at least 1.");
        return problems;
    }
}

using System.Net.Http.Json;
using Microsoft.Extensions.Logging;
using TBot.Host.Bus;

namespace TBot.Host.Alerts;

/// <summary>
/// Posts each alert this engine raises (alert.fired / alert.resolved bus events) as JSON (<see cref="Alert"/>) to
/// the configured webhook. A failed POST (connection refused, timeout, non-2xx) throws, so the bus retries it with
/// exponential backoff and jitter up to <see cref="AlertOptions.WebhookAttempts"/>, then dead-letters it; the
/// body carries <c>idempotency_key</c> (also sent as the <c>Idempotency-Key</c> header) for receivers to dedupe.
/// </summary>
public sealed class AlertWebhook(Uri url, HttpClient http, ILogger log)
{
    public const string Name = "alert-webhook";

    public BusSubscription Attach(EventBus bus, SubscriberOptions options) => bus.Subscribe(Name, SendAsync, options);

    public static SubscriberOptions DefaultDelivery(AlertOptions options) => new()
    {
        MaxAttempts = options.WebhookAttempts, RetryInitial = TimeSpan.FromMilliseconds(500), RetryMax = TimeSpan.FromSeconds(30),
    };

    private async ValueTask SendAsync(BusEvent e, CancellationToken cancellationToken)
    {
        if (e.Remote || e.Kind is not (BusEventKinds.AlertFired or BusEventKinds.AlertResolved)) return;
        var alert = AlertPayload.FromEvent(e);
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(alert) };
        request.Headers.Add("Idempotency-Key", alert.IdempotencyKey);
        using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
            throw new HttpRequestException($"alert webhook answered {(int)response.StatusCode} {response.ReasonPhrase}", null, response.StatusCode);
        log.LogInformation("Alert {Rule} {Status} [{Subject}] posted to the webhook", alert.Rule, alert.Status, alert.Subject);
    }
}

using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using TBot.Host.Alerts;
using TBot.Host.Bus;
using TBot.Host.Tests.Http;
using static TBot.Host.Tests.Bus.BusTestKit;

namespace TBot.Host.Tests.Alerts;

/// <summary>Alerts reach a real local HTTP listener as JSON POSTs, retried through the bus when it fails.</summary>
public sealed class AlertWebhookTests
{
    [Fact]
    public async Task A_fired_and_a_resolved_alert_are_posted_and_a_failing_webhook_is_retried()
    {
        var port = FreePort.Next();
        using var listener = new HttpListener();
        listener.Prefixes.Add($"http://127.0.0.1:{port}/hook/");
        listener.Start();
        var bodies = new ConcurrentQueue<(string Key, JsonDocument Body)>();
        var requests = 0;
        var ct = TestContext.Current.CancellationToken;
        var server = Task.Run(async () =>
        {
            while (!ct.IsCancellationRequested && listener.IsListening)
            {
                HttpListenerContext context;
                try { context = await listener.GetContextAsync(); }
                catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException) { return; }
                var n = Interlocked.Increment(ref requests);
                using (var reader = new StreamReader(context.Request.InputStream))
                {
                    var text = await reader.ReadToEndAsync(ct);
                    // The first two requests fail: the bus must retry them.
                    if (n > 2) bodies.Enqueue((context.Request.Headers["Idempotency-Key"] ?? "", JsonDocument.Parse(text)));
                }
                context.Response.StatusCode = n <= 2 ? 503 : 204;
                context.Response.Close();
            }
        }, ct);

        await using var bus = NewBus("hook0001");
        var clock = new ManualClock(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero));
        var engine = new AlertEngine(bus, new AlertOptions(), clock, NullLogger.Instance);
        engine.Attach();
        using var http = new HttpClient();
        var hook = new AlertWebhook(new Uri($"http://127.0.0.1:{port}/hook/"), http, NullLogger.Instance).Attach(bus, FastRetries(maxAttempts: 5));

        bus.Publish(bus.Create(BusEventKinds.VenueDown, "venue:okx", "d1", clock.GetUtcNow(), new() { ["venue"] = "okx", ["connections"] = "3=backoff" }));
        await Until(() => hook.Delivered >= 1, () => "venue.down never reached the webhook subscriber"); // (it ignores non-alerts)
        clock.Advance(TimeSpan.FromSeconds(31));
        engine.Tick();
        await Until(() => bodies.Count == 1, () => $"webhook got {bodies.Count} alerts after {requests} requests; retries {hook.Retries}, dead {hook.DeadLetters}");
        bus.Publish(bus.Create(BusEventKinds.VenueUp, "venue:okx", "u1", clock.GetUtcNow(), new() { ["venue"] = "okx" }));
        await Until(() => bodies.Count == 2, () => $"webhook got {bodies.Count} alerts");

        Assert.Equal(2, hook.Retries);
        Assert.Equal(0, hook.DeadLetters);
        Assert.Equal(4, requests);
        var (key, fired) = bodies.First();
        var f = fired.RootElement;
        Assert.Equal("venue_disconnected", f.GetProperty("rule").GetString());
        Assert.Equal("firing", f.GetProperty("status").GetString());
        Assert.Equal("venue:okx", f.GetProperty("subject").GetString());
        Assert.Equal("warning", f.GetProperty("severity").GetString());
        Assert.Equal("hook0001", f.GetProperty("engine").GetString());
        Assert.Equal(key, f.GetProperty("idempotency_key").GetString());
        Assert.Contains("okx", f.GetProperty("message").GetString());
        var r = bodies.Last().Body.RootElement;
        Assert.Equal("resolved", r.GetProperty("status").GetString());
        Assert.Equal(f.GetProperty("episode").GetInt64(), r.GetProperty("episode").GetInt64());
        listener.Stop();
        await server;
    }

    [Fact]
    public async Task A_webhook_that_never_answers_well_dead_letters_the_alert_after_its_attempts()
    {
        var port = FreePort.Next(); // nothing listens there: connection refused
        await using var bus = NewBus("hook0002");
        using var http = new HttpClient();
        var hook = new AlertWebhook(new Uri($"http://127.0.0.1:{port}/"), http, NullLogger.Instance).Attach(bus, FastRetries(maxAttempts: 3));
        var alert = new Alert
        {
            Rule = AlertRules.ChainFaulted, Status = "firing", Subject = "engine", Severity = "error", Message = "m", Engine = bus.Source, IdempotencyKey = "x1",
        };
        bus.Publish(bus.Create(BusEventKinds.AlertFired, "alert:chain_faulted:engine", "x1", DateTimeOffset.UnixEpoch, AlertPayload.ToData(alert)));
        await Until(() => hook.DeadLetters == 1, () => $"dead letters {hook.DeadLetters}, retries {hook.Retries}");
        Assert.Equal(2, hook.Retries);
        Assert.Equal(0, hook.Delivered);
    }
}

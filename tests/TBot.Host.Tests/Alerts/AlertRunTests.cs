using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using TBot.Host.Tests.Http;

namespace TBot.Host.Tests.Alerts;

/// <summary><c>tbot run --alert-webhook</c>: an operator kill travels ring → journal → bus → alert rule → webhook POST.</summary>
public sealed class AlertRunTests
{
    [Fact]
    public async Task A_kill_through_the_api_reaches_the_webhook_as_a_kill_switch_alert_and_resume_resolves_it()
    {
        var ct = TestContext.Current.CancellationToken;
        var hookPort = FreePort.Next();
        using var listener = new HttpListener();
        listener.Prefixes.Add($"http://127.0.0.1:{hookPort}/");
        listener.Start();
        var alerts = new ConcurrentQueue<JsonElement>();
        var server = Task.Run(async () =>
        {
            while (listener.IsListening)
            {
                HttpListenerContext context;
                try { context = await listener.GetContextAsync(); }
                catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException) { return; }
                using (var reader = new StreamReader(context.Request.InputStream))
                    alerts.Enqueue(JsonDocument.Parse(await reader.ReadToEndAsync(ct)).RootElement.Clone());
                context.Response.StatusCode = 204;
                context.Response.Close();
            }
        }, ct);

        var port = FreePort.Next();
        var journal = Path.Combine(Path.GetTempPath(), $"tbot-{Guid.NewGuid():N}-journal");
        await using var tbot = ChildProcess.Tbot("run", "--http", $"127.0.0.1:{port}", "--http-token", "t0k", "--duration", "300s",
            "--journal", journal, "--alert-webhook", $"http://127.0.0.1:{hookPort}/alerts");
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "t0k");
        var bound = TimeSpan.FromSeconds(90);
        await Eventually.Get(async () =>
        {
            try { return (await http.GetAsync("/api/bots", ct)).StatusCode == HttpStatusCode.OK ? "" : null; }
            catch (HttpRequestException) { return null; }
        }, bound, () => $"the run never served /api/bots; tbot:\n{tbot.Tail()}", () => tbot.HasExited);

        Assert.Equal(HttpStatusCode.Accepted, (await http.PostAsync("/api/bots/2/kill", null, ct)).StatusCode);
        var fired = await Eventually.Get(() => Task.FromResult(alerts.FirstOrDefault(a => a.GetProperty("rule").GetString() == "kill_switch") is { ValueKind: JsonValueKind.Object } a ? a.GetRawText() : null),
            bound, () => $"no kill_switch alert reached the webhook ({alerts.Count} others); tbot:\n{tbot.Tail()}", () => tbot.HasExited);
        using var f = JsonDocument.Parse(fired);
        Assert.Equal("firing", f.RootElement.GetProperty("status").GetString());
        Assert.Equal("bot:2", f.RootElement.GetProperty("subject").GetString());
        Assert.Equal("error", f.RootElement.GetProperty("severity").GetString());
        Assert.Contains("manual", f.RootElement.GetProperty("message").GetString());

        Assert.Equal(HttpStatusCode.Accepted, (await http.PostAsync("/api/bots/2/resume", null, ct)).StatusCode);
        await Eventually.Get(() => Task.FromResult(alerts.Any(a => a.GetProperty("rule").GetString() == "kill_switch" && a.GetProperty("status").GetString() == "resolved") ? "" : null),
            bound, () => $"the kill_switch alert was never resolved; tbot:\n{tbot.Tail()}", () => tbot.HasExited);
        Assert.Single(alerts, a => a.GetProperty("rule").GetString() == "kill_switch" && a.GetProperty("status").GetString() == "firing");
        Assert.Equal(0, await tbot.StopAsync(TimeSpan.FromSeconds(60)));
        listener.Stop();
        await server;
    }
}

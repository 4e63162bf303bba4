using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using TBot.Engine.Events;
using TBot.Engine.Journal;
using TBot.Engine.Trading;
using TBot.Host.Tests.Http;

namespace TBot.Host.Tests.Control;

/// <summary>The control API of a running <c>tbot run</c> (the binary as a child, the simulator, the paper gateway).</summary>
public sealed class ControlApiTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(90);
    private const string Token = "ctl-test-token";

    private static string Temp(string name) => Path.Combine(Path.GetTempPath(), $"tbot-{Guid.NewGuid():N}-{name}");

    private static async Task<JsonElement[]> Bots(HttpClient http, CancellationToken ct)
    {
        using var doc = JsonDocument.Parse(await http.GetStringAsync("/api/bots", ct));
        return [.. doc.RootElement.Clone().EnumerateArray()];
    }

    private static JsonElement Bot(JsonElement[] bots, int id) => bots.Single(b => b.GetProperty("id").GetInt32() == id);

    private static bool Flat(JsonElement bot) =>
        bot.GetProperty("positions").EnumerateObject().All(p => decimal.Parse(p.Value.GetString()!, CultureInfo.InvariantCulture) == 0);

    private static async Task<JsonElement> Post(HttpClient http, string path, HttpStatusCode expected, CancellationToken ct)
    {
        using var response = await http.PostAsync(path, null, ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        Assert.True(expected == response.StatusCode, $"POST {path}: {(int)response.StatusCode} {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    [Fact]
    public async Task Pause_and_flatten_with_the_token_are_journaled_applied_and_replayed()
    {
        var port = FreePort.Next();
        var journal = Temp("journal");
        var json = Temp("run.json");
        var ct = TestContext.Current.CancellationToken;
        await using var tbot = ChildProcess.Tbot("run", "--http", $"127.0.0.1:{port}", "--http-token", Token, "--duration", "300s",
            "--journal", journal, "--json", json, "--sim-rate", "3000");
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        using var anonymous = new HttpClient { BaseAddress = http.BaseAddress };
        using var wrong = new HttpClient { BaseAddress = http.BaseAddress };
        wrong.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "not-the-token");

        var bots = await Eventually.Get(async () =>
        {
            try { return await Bots(http, ct) is { Length: > 0 } b && b.All(x => x.GetProperty("state").GetString() == "active") ? b : null; }
            catch (HttpRequestException) { return null; }
        }, Bound, () => $"/api/bots never listed active bots; tbot:\n{tbot.Tail()}", () => tbot.HasExited);
        Assert.Equal([1, 2, 3], bots.Select(b => b.GetProperty("id").GetInt32()).ToArray());
        Assert.Equal("market-maker", Bot(bots, 1).GetProperty("strategy").GetString());

        // Refusals first: nothing of these reaches the ring.
        await Post(anonymous, "/api/bots/1/pause", HttpStatusCode.Unauthorized, ct);
        await Post(wrong, "/api/bots/1/pause", HttpStatusCode.Unauthorized, ct);
        await Post(wrong, "/api/kill", HttpStatusCode.Unauthorized, ct);
        Assert.Contains("unknown action", (await Post(http, "/api/bots/1/dance", HttpStatusCode.BadRequest, ct)).GetProperty("error").GetString());
        await Post(http, "/api/bots/abc/pause", HttpStatusCode.BadRequest, ct);
        await Post(http, "/api/bots/42/pause", HttpStatusCode.NotFound, ct);
        Assert.Equal("active", Bot(await Bots(http, ct), 1).GetProperty("state").GetString());

        // Pause bot 1: 202 with where the control event went, then the bot shows paused.
        var pause = await Post(http, "/api/bots/1/pause", HttpStatusCode.Accepted, ct);
        Assert.Equal("pause", pause.GetProperty("action").GetString());
        var pauseSequence = pause.GetProperty("sequence").GetInt64();
        var pauseTime = pause.GetProperty("time_ns").GetInt64();
        await Eventually.Get(async () => Bot(await Bots(http, ct), 1).GetProperty("state").GetString() == "paused" ? "" : null,
            Bound, () => $"bot 1 never showed paused; tbot:\n{tbot.Tail()}", () => tbot.HasExited);

        // Flatten: wait for a bot holding a position, kill it (its strategy stops), flatten it, see it reach zero.
        var holder = await Eventually.Get(async () => (await Bots(http, ct)).FirstOrDefault(b => b.GetProperty("id").GetInt32() != 1 && !Flat(b)) is { ValueKind: JsonValueKind.Object } b ? b.GetRawText() : null,
            Bound, () => $"no bot took a position; tbot:\n{tbot.Tail()}", () => tbot.HasExited);
        var holderId = JsonDocument.Parse(holder).RootElement.GetProperty("id").GetInt32();
        await Post(http, $"/api/bots/{holderId}/kill", HttpStatusCode.Accepted, ct);
        var flatten = await Post(http, $"/api/bots/{holderId}/flatten", HttpStatusCode.Accepted, ct);
        var flattenSequence = flatten.GetProperty("sequence").GetInt64();
        Assert.True(flattenSequence > pauseSequence);
        var flatText = await Eventually.Get(async () => Bot(await Bots(http, ct), holderId) is var b && Flat(b) ? b.GetRawText() : null,
            Bound, () => $"bot {holderId} never got flat; tbot:\n{tbot.Tail()}", () => tbot.HasExited);
        var flat = JsonDocument.Parse(flatText).RootElement;
        Assert.Equal("killed", flat.GetProperty("state").GetString());
        Assert.Equal("manual", flat.GetProperty("halt_cause").GetString());
        Assert.Equal(0, flat.GetProperty("open_orders").GetInt32());

        // The bus saw the control events (monitoring subscriber's counter in /metrics).
        await Eventually.Get(async () =>
        {
            var metrics = PrometheusText.Parse(await http.GetStringAsync("/metrics", ct));
            return metrics.GetValueOrDefault("tbot_bus_events_total{kind=\"bot.paused\"}") >= 1
                && metrics.GetValueOrDefault("tbot_bus_events_total{kind=\"bot.flattened\"}") >= 1 ? metrics : null;
        }, Bound, () => $"bus events not counted; tbot:\n{tbot.Tail()}", () => tbot.HasExited);

        Assert.Equal(0, await tbot.StopAsync(TimeSpan.FromSeconds(60)));
        using var summary = JsonDocument.Parse(await File.ReadAllTextAsync(json, ct));
        var run = summary.RootElement;
        var pnl = run.GetProperty("pnl");
        Assert.Equal("paused", pnl.EnumerateObject().Single(p => p.Name.StartsWith("1:", StringComparison.Ordinal)).Value.GetProperty("state").GetString());

        // The journal holds the control events where they took effect, with the core's Control decisions for them.
        var events = new List<MarketEvent>();
        var decisions = new List<DecisionRecord>();
        using (var reader = JournalReader.Open(journal))
            while (reader.TryRead(out var record))
            {
                if (record.Type == JournalRecordType.Event && record.Event.Kind == MarketEventKind.Control) events.Add(record.Event);
                else if (record.Type == JournalRecordType.Decision && record.Decision.Kind == DecisionKind.Control) decisions.Add(record.Decision);
            }
        var pauseEvent = Assert.Single(events, e => e.ReceiveTimeNs == pauseTime);
        Assert.Equal((ControlCommand.PauseBot, 1), (ControlEvents.Command(in pauseEvent), ControlEvents.Bot(in pauseEvent)));
        Assert.Contains(decisions, d => d.Sequence == pauseSequence && d.Reason == (byte)ControlCommand.PauseBot && d.BotId == 1);
        Assert.Contains(decisions, d => d.Sequence == flattenSequence && d.Reason == (byte)ControlCommand.FlattenBot && d.BotId == holderId);

        // A replay of the journal reproduces the run's state, control actions included.
        var replayJson = Temp("replay.json");
        Assert.Equal(0, await Program.MainAsync(["replay", "--journal", journal, "--json", replayJson]));
        using var replay = JsonDocument.Parse(await File.ReadAllTextAsync(replayJson, ct));
        Assert.Equal(run.GetProperty("state_hash").GetString(), replay.RootElement.GetProperty("state_hash").GetString());
        Assert.Equal(pnl.GetRawText(), replay.RootElement.GetProperty("pnl").GetRawText());
    }

    [Fact]
    public async Task Without_a_configured_token_bots_are_readable_and_actions_are_forbidden()
    {
        var port = FreePort.Next();
        var ct = TestContext.Current.CancellationToken;
        await using var tbot = ChildProcess.Tbot("run", "--http", $"127.0.0.1:{port}", "--duration", "120s", "--journal", Temp("journal"));
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        await Eventually.Get(async () =>
        {
            try { return await Bots(http, ct) is { Length: 3 } b ? b : null; }
            catch (HttpRequestException) { return null; }
        }, Bound, () => $"/api/bots never answered; tbot:\n{tbot.Tail()}", () => tbot.HasExited);
        foreach (var path in new[] { "/api/bots/1/pause", "/api/bots/1/flatten", "/api/kill" })
        {
            var error = await Post(http, path, HttpStatusCode.Forbidden, ct);
            Assert.Contains("control actions need --http-token", error.GetProperty("error").GetString());
        }
        Assert.All(await Bots(http, ct), b => Assert.Equal("active", b.GetProperty("state").GetString()));
        Assert.Equal(0, await tbot.StopAsync(TimeSpan.FromSeconds(60)));
    }
}

using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text.Json;

namespace TBot.Host.Tests.Http;

/// <summary><c>tbot run --http</c>: /health and /metrics of a running engine (the binary as a child process).</summary>
public class HttpEndpointTests
{
    private static string Temp(string name) => Path.Combine(Path.GetTempPath(), $"tbot-{Guid.NewGuid():N}-{name}");

    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_run_serves_health_and_metrics_whose_counters_rise_between_scrapes()
    {
        var port = FreePort.Next();
        var json = Temp("run.json");
        await using var tbot = ChildProcess.Tbot("run", "--http", $"127.0.0.1:{port}", "--duration", "120s", "--journal", Temp("journal"), "--json", json);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        var ct = TestContext.Current.CancellationToken;

        // /health: every venue connected, books live, nothing failing.
        var health = await Eventually.Get(async () =>
        {
            var doc = await TryGetJson(http, "/health", ct);
            return doc?.RootElement.GetProperty("status").GetString() == "ok" ? doc : null;
        }, Bound, () => $"/health never said ok; tbot:\n{tbot.Tail()}", () => tbot.HasExited);
        var root = health.RootElement;
        Assert.Equal(["binance", "coinbase", "okx"], root.GetProperty("venues").EnumerateObject().Select(v => v.Name).ToArray());
        foreach (var venue in root.GetProperty("venues").EnumerateObject())
        {
            Assert.Equal("up", venue.Value.GetProperty("status").GetString());
            Assert.All(venue.Value.GetProperty("connections").EnumerateArray(), c => Assert.Equal("open", c.GetProperty("state").GetString()));
            Assert.All(venue.Value.GetProperty("books").EnumerateObject(), b => Assert.Equal("live", b.Value.GetString()));
        }
        var ring = root.GetProperty("ring");
        Assert.True(ring.GetProperty("published").GetInt64() > 0);
        Assert.InRange(ring.GetProperty("processed").GetInt64(), 1, ring.GetProperty("published").GetInt64());
        var journal = root.GetProperty("journal");
        Assert.True(journal.GetProperty("last_position").GetInt64() > 0);
        Assert.True(journal.GetProperty("bytes_written").GetInt64() > 0);
        Assert.False(journal.GetProperty("faulted").GetBoolean());
        var memory = root.GetProperty("projections").GetProperty("memory");
        Assert.True(memory.GetProperty("applied").GetInt64() > 0);
        Assert.Equal(JsonValueKind.Null, memory.GetProperty("last_error").ValueKind);

        // /metrics: the key series, with values that fit together, rising between two scrapes.
        var first = PrometheusText.Parse(await http.GetStringAsync("/metrics", ct));
        foreach (var venue in new[] { "binance", "coinbase", "okx" })
        {
            Assert.True(PrometheusText.Value(first, $"tbot_events_received_total{{venue=\"{venue}\"}}") > 0, venue);
            Assert.True(PrometheusText.Value(first, $"tbot_events_accepted_total{{venue=\"{venue}\"}}") > 0, venue);
            Assert.Equal(0, PrometheusText.Value(first, $"tbot_events_rejected_total{{venue=\"{venue}\",reason=\"sequence_gap\"}}"));
            Assert.Equal(0, PrometheusText.Value(first, $"tbot_reconnects_total{{venue=\"{venue}\"}}"));
            Assert.Equal(1, PrometheusText.Value(first, $"tbot_venue_connections_open{{venue=\"{venue}\"}}"));
        }
        var published = PrometheusText.Value(first, "tbot_ring_published_total");
        Assert.InRange(PrometheusText.Value(first, "tbot_ring_processed_total"), 1, published);
        Assert.True(PrometheusText.Value(first, "tbot_journal_bytes_written_total") > 0);
        Assert.True(PrometheusText.Value(first, "tbot_journal_position") >= published, "the journal holds at least every event published and processed");
        Assert.True(PrometheusText.Value(first, "tbot_projection_applied_position{store=\"memory\"}") > 0);
        Assert.Equal(1, PrometheusText.Value(first, "tbot_trading_enabled"));
        Assert.Equal(1, PrometheusText.Value(first, "tbot_run_phase{phase=\"running\"}"));
        Assert.Equal(1, PrometheusText.Value(first, "tbot_bot_state{bot=\"1:mm-btcusdt\",state=\"active\"}"));
        Assert.Equal(0, PrometheusText.Value(first, "tbot_kill_switches_total{bot=\"1:mm-btcusdt\",cause=\"daily_loss_limit\"}"));
        _ = PrometheusText.Value(first, "tbot_pnl{bot=\"1:mm-btcusdt\",component=\"total\"}");
        _ = PrometheusText.Value(first, "tbot_risk_rejections_total{bot=\"1:mm-btcusdt\",reason=\"max_open_orders\"}");
        Assert.True(PrometheusText.Value(first, "process_cpu_seconds_total") > 0);
        Assert.True(PrometheusText.Value(first, "process_working_set_bytes") > 0);
        Assert.True(PrometheusText.Value(first, "system_runtime_dotnet_thread_pool_thread_count") > 0);

        const string binance = "tbot_events_received_total{venue=\"binance\"}";
        var before = first[binance];
        await Eventually.Get(async () =>
        {
            var later = PrometheusText.Parse(await http.GetStringAsync("/metrics", ct));
            return later[binance] > before && later["tbot_ring_published_total"] > published ? later : null;
        }, Bound, () => $"{binance} did not rise above {before}; tbot:\n{tbot.Tail()}", () => tbot.HasExited);

        // The run stops cleanly on SIGTERM, and its summary agrees with what was served.
        Assert.Equal(0, await tbot.StopAsync(Bound));
        var summary = JsonDocument.Parse(File.ReadAllText(json)).RootElement;
        Assert.True(summary.GetProperty("venues").GetProperty("binance").GetProperty("received").GetInt64() > (long)before);
    }

    [Fact]
    public async Task With_a_token_every_request_must_carry_it()
    {
        var port = FreePort.Next();
        await using var tbot = ChildProcess.Tbot("run", "--http", $"127.0.0.1:{port}", "--http-token", "s3cret", "--duration", "120s", "--journal", Temp("journal"));
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        var ct = TestContext.Current.CancellationToken;
        var refused = await Eventually.Get(async () =>
        {
            try { return await http.GetAsync("/metrics", ct); }
            catch (HttpRequestException) { return null; } // not listening yet
        }, Bound, () => $"nothing served on {port}; tbot:\n{tbot.Tail()}", () => tbot.HasExited);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("/health", ct)).StatusCode);
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "wrong");
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("/metrics", ct)).StatusCode);
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "s3cret");
        var metrics = await http.GetAsync("/metrics", ct);
        Assert.Equal(HttpStatusCode.OK, metrics.StatusCode);
        Assert.Contains("tbot_run_phase", await metrics.Content.ReadAsStringAsync(ct));
        Assert.Equal(0, await tbot.StopAsync(Bound));
    }

    [Theory]
    [InlineData("0.0.0.0:9464")]      // not loopback, no token
    [InlineData("192.0.2.1:9464")]    // not loopback, no token
    [InlineData("127.0.0.1")]         // no port
    [InlineData("localhost:9464")]    // not an address
    [InlineData("127.0.0.1:0")]       // no port
    public async Task Bad_or_unsafe_http_addresses_are_refused_before_anything_starts(string address)
    {
        var journal = Temp("journal");
        Assert.Equal(2, await Program.MainAsync(["run", "--http", address, "--duration", "1s", "--journal", journal]));
        Assert.False(Directory.Exists(journal), "nothing started");
    }

    [Fact]
    public async Task An_explicit_http_address_that_is_taken_stops_the_run()
    {
        using var holder = new TcpListener(IPAddress.Loopback, 0);
        holder.Start();
        var port = ((IPEndPoint)holder.LocalEndpoint).Port;
        var journal = Temp("journal");
        Assert.Equal(2, await Program.MainAsync(["run", "--http", $"127.0.0.1:{port}", "--duration", "1s", "--journal", journal]));
        Assert.False(Directory.Exists(journal), "nothing started");
    }

    private static async Task<JsonDocument?> TryGetJson(HttpClient http, string path, CancellationToken ct)
    {
        try
        {
            using var response = await http.GetAsync(path, ct);
            return JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
        }
        catch (HttpRequestException)
        {
            return null; // not listening yet
        }
    }
}

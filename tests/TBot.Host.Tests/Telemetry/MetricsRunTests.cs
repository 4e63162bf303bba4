using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Npgsql;
using TBot.Host.Tests.Http;
using ChildProcess = TBot.Host.Tests.Http.ChildProcess;
using ScratchDatabase = TBot.Host.Tests.Stores.ScratchDatabase;

namespace TBot.Host.Tests.Telemetry;

/// <summary>
/// The metrics depth of a real run (the binary as a child, PostgreSQL in a scratch database, aggregates every 2 s
/// through TBOT_METRICS_AGGREGATE_SECONDS): stage latencies, producer wait and network bytes on /metrics, engine
/// aggregates and bot rows from <c>GET /api/metrics</c>, 400 on bad parameters, and every metric the shipped
/// Grafana dashboard queries present in the scrape.
/// </summary>
public partial class MetricsRunTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(90);

    private static string Temp(string name) => Path.Combine(Path.GetTempPath(), $"tbot-{Guid.NewGuid():N}-{name}");

    [GeneratedRegex(@"\b((?:tbot|process|dotnet|system_runtime)_[a-z0-9_]+)")]
    private static partial Regex MetricName();

    [Fact]
    public async Task A_run_exports_stage_latencies_and_serves_aggregates_from_postgres_and_every_dashboard_metric_exists()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var db = await ScratchDatabase.CreateAsync();
        var port = FreePort.Next();
        var started = DateTime.UtcNow.AddMinutes(-1);
        await using var tbot = ChildProcess.Tbot(new Dictionary<string, string?> { ["TBOT_METRICS_AGGREGATE_SECONDS"] = "2" },
            "run", "--http", $"127.0.0.1:{port}", "--duration", "150s", "--journal", Temp("journal"), "--postgres", db.ConnectionString);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };

        // Engine aggregates reach engine_metrics and come back through the API.
        var from = started.ToString("O", CultureInfo.InvariantCulture);
        var answer = await Eventually.Get(async () =>
        {
            var doc = await TryGetJson(http, $"/api/metrics?from={Uri.EscapeDataString(from)}", ct);
            if (doc is null || doc.RootElement.GetProperty("engine").GetArrayLength() == 0) return null;
            var last = doc.RootElement.GetProperty("engine")[doc.RootElement.GetProperty("engine").GetArrayLength() - 1].GetProperty("values");
            return last.TryGetProperty("events_accepted_per_s:binance", out var rate) && rate.GetDouble() > 0 ? doc : null;
        }, Bound, () => $"no engine aggregates with binance events from /api/metrics; tbot:\n{tbot.Tail()}", () => tbot.HasExited);
        var root = answer.RootElement;
        Assert.Equal("postgres", root.GetProperty("engineSource").GetString());
        var minute = root.GetProperty("engine")[root.GetProperty("engine").GetArrayLength() - 1];
        var values = minute.GetProperty("values");
        Assert.True(values.GetProperty("ring_published_per_s").GetDouble() > 0);
        Assert.True(values.GetProperty("latency_count:queue").GetDouble() > 0);
        Assert.True(values.GetProperty("latency_p99_seconds:queue").GetDouble() >= values.GetProperty("latency_p50_seconds:queue").GetDouble());
        Assert.True(values.GetProperty("latency_max_seconds:queue").GetDouble() >= values.GetProperty("latency_p99_seconds:queue").GetDouble());
        Assert.True(values.GetProperty("ring_backlog_max").GetDouble() >= values.GetProperty("ring_backlog_avg").GetDouble());
        Assert.True(values.GetProperty("working_set_bytes_max").GetDouble() > 0);
        Assert.True(values.GetProperty("network_received_bytes_per_s:okx").GetDouble() > 0);
        var time = minute.GetProperty("time").GetDateTime();
        Assert.Equal(0, time.Second % 2);
        Assert.Equal(0, time.Millisecond);

        // Bot rows come from performance_metrics, filtered by bot.
        await using (var source = NpgsqlDataSource.Create(db.ConnectionString))
        await using (var insert = source.CreateCommand("INSERT INTO performance_metrics (time, bot_id, metric, value) VALUES ('2025-11-24 16:00:00+00', 99, 'fills', 3), ('2025-11-24 16:00:00+00', 98, 'fills', 5)"))
            await insert.ExecuteNonQueryAsync(ct);
        using (var bots = await TryGetJson(http, "/api/metrics?bot=99:crafted&from=2025-11-24T15:59:00Z&to=2025-11-24T16:01:00Z", ct))
        {
            Assert.NotNull(bots);
            var rows = bots.RootElement.GetProperty("bots");
            Assert.Equal("postgres", bots.RootElement.GetProperty("botSource").GetString());
            Assert.Equal(1, rows.GetArrayLength());
            Assert.Equal(99, rows[0].GetProperty("bot").GetInt32());
            Assert.Equal(3, rows[0].GetProperty("values").GetProperty("fills").GetDouble());
            Assert.Equal(0, bots.RootElement.GetProperty("engine").GetArrayLength());
        }

        // Bad parameters: 400 with the reason.
        foreach (var bad in new[] { "from=yesterday", "from=2025-11-24T16:00:00Z&to=2025-11-24T15:00:00Z", "bot=mm", "from=2025-01-01T00:00:00Z&to=2025-11-01T00:00:00Z", "venue=binance" })
        {
            using var response = await http.GetAsync($"/api/metrics?{bad}", ct);
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{bad}: {response.StatusCode}");
            using var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
            Assert.False(string.IsNullOrEmpty(error.RootElement.GetProperty("error").GetString()), bad);
        }

        // /metrics: the new series with sane values.
        var scrapeText = await http.GetStringAsync("/metrics", ct);
        var scrape = PrometheusText.Parse(scrapeText);
        foreach (var venue in new[] { "binance", "coinbase", "okx" })
        {
            Assert.True(PrometheusText.Value(scrape, $"tbot_network_received_bytes_total{{venue=\"{venue}\"}}") > 0, venue);
            Assert.True(PrometheusText.Value(scrape, $"tbot_network_sent_bytes_total{{venue=\"{venue}\"}}") > 0, venue); // subscriptions
        }
        Assert.True(PrometheusText.Value(scrape, "tbot_ring_producer_waits_total") >= 0);
        Assert.True(PrometheusText.Value(scrape, "tbot_ring_producer_wait_seconds_total") >= 0);
        foreach (var stage in new[] { "ingress", "queue", "journal" })
        {
            var count = PrometheusText.Value(scrape, $"tbot_stage_latency_seconds_count{{stage=\"{stage}\"}}");
            Assert.True(count > 0, stage);
            Assert.Equal(count, PrometheusText.Value(scrape, $"tbot_stage_latency_seconds_bucket{{stage=\"{stage}\",le=\"+Inf\"}}"));
            Assert.True(PrometheusText.Value(scrape, $"tbot_stage_latency_seconds_bucket{{stage=\"{stage}\",le=\"1e-06\"}}")
                <= PrometheusText.Value(scrape, $"tbot_stage_latency_seconds_bucket{{stage=\"{stage}\",le=\"1\"}}"));
            _ = PrometheusText.Value(scrape, $"tbot_stage_latency_p99_seconds{{stage=\"{stage}\"}}");
        }
        _ = PrometheusText.Value(scrape, "tbot_stage_latency_p999_seconds{stage=\"fsync\"}");

        // The shipped Grafana dashboard queries only metrics this run exports.
        using var dashboard = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "ops", "grafana-dashboard.json"), ct));
        var expressions = dashboard.RootElement.GetProperty("panels").EnumerateArray()
            .SelectMany(p => p.GetProperty("targets").EnumerateArray()).Select(t => t.GetProperty("expr").GetString()!)
            .Concat(dashboard.RootElement.GetProperty("templating").GetProperty("list").EnumerateArray()
                .Where(v => v.GetProperty("type").GetString() == "query").Select(v => v.GetProperty("query").GetString()!))
            .ToList();
        var exported = scrape.Keys.Select(k => k.IndexOf('{') is var b and > 0 ? k[..b] : k).ToHashSet(StringComparer.Ordinal);
        var used = expressions.SelectMany(e => MetricName().Matches(e).Select(m => m.Groups[1].Value)).ToHashSet(StringComparer.Ordinal);
        Assert.True(used.Count >= 20, $"the dashboard names only {used.Count} metrics: {string.Join(", ", used)}");
        var missing = used.Where(name => !exported.Contains(name)).ToList();
        Assert.True(missing.Count == 0, $"the dashboard queries metrics /metrics does not export: {string.Join(", ", missing)}");

        Assert.Equal(0, await tbot.StopAsync(TimeSpan.FromSeconds(60)));
    }

    private static async Task<JsonDocument?> TryGetJson(HttpClient http, string path, CancellationToken ct)
    {
        try
        {
            using var response = await http.GetAsync(path, ct);
            if (!response.IsSuccessStatusCode) return null;
            return JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
        }
        catch (HttpRequestException)
        {
            return null; // not listening yet
        }
    }
}

using System.Globalization;
using System.Text.Json;

namespace TBot.Host.Tests.Http;

/// <summary>A real Prometheus server (Debian package <c>prometheus</c>) scrapes a running <c>tbot run</c> every second;
/// the test reads the series back through Prometheus' HTTP API.</summary>
public class PrometheusScrapeTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(90);

    /// <summary>$TBOT_TEST_PROMETHEUS, else /usr/bin/prometheus, else prometheus on PATH.</summary>
    private static string? FindPrometheus()
    {
        if (Environment.GetEnvironmentVariable("TBOT_TEST_PROMETHEUS") is { Length: > 0 } configured) return File.Exists(configured) ? configured : null;
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Prepend("/usr/bin"))
            if (dir.Length > 0 && File.Exists(Path.Combine(dir, "prometheus"))) return Path.Combine(dir, "prometheus");
        return null;
    }

    [Fact]
    public async Task Prometheus_scrapes_a_running_engine_and_serves_its_series()
    {
        var prometheus = FindPrometheus();
        Assert.True(prometheus is not null, "prometheus is not installed: apt-get install -y prometheus (the CI script .ci/run installs it), or set TBOT_TEST_PROMETHEUS to the binary");
        var ct = TestContext.Current.CancellationToken;
        var work = Path.Combine(Path.GetTempPath(), $"tbot-{Guid.NewGuid():N}-prometheus");
        Directory.CreateDirectory(work);
        var tbotPort = FreePort.Next();
        await using var tbot = ChildProcess.Tbot("run", "--http", $"127.0.0.1:{tbotPort}", "--duration", "300s", "--journal", Path.Combine(work, "journal"));

        // The shipped scrape config, pointed at this run: the same job, labels and paths, a 1 s interval.
        var shipped = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "ops", "prometheus.yml"));
        Assert.Contains("127.0.0.1:9464", shipped);
        var config = Path.Combine(work, "prometheus.yml");
        File.WriteAllText(config, shipped.Replace("127.0.0.1:9464", $"127.0.0.1:{tbotPort}", StringComparison.Ordinal)
            .Replace("scrape_interval: 5s", "scrape_interval: 1s", StringComparison.Ordinal));
        var promPort = FreePort.Next();
        await using var server = ChildProcess.Start(prometheus!, $"--config.file={config}", $"--storage.tsdb.path={Path.Combine(work, "data")}",
            $"--web.listen-address=127.0.0.1:{promPort}", "--log.level=warn");
        using var api = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{promPort}") };
        string Logs() => $"prometheus:\n{server.Tail()}\ntbot:\n{tbot.Tail()}";

        // Until every venue's series is in Prometheus with a positive value (bounded wait).
        var received = await Eventually.Get(async () =>
        {
            var series = await Query(api, "tbot_events_received_total", ct);
            return series is { Count: 3 } && series.Values.All(v => v > 0) ? series : null;
        }, Bound, () => $"tbot_events_received_total never reached Prometheus for three venues; {Logs()}", () => server.HasExited || tbot.HasExited);
        Assert.Equal(["binance", "coinbase", "okx"], received.Keys.Order().ToArray());

        // Scraped again and again: the counter rises in Prometheus too.
        var first = received["binance"];
        await Eventually.Get(async () =>
        {
            var series = await Query(api, "tbot_events_received_total{venue=\"binance\"}", ct);
            return series is { Count: 1 } && series.Values.Single() > first ? series : null;
        }, Bound, () => $"tbot_events_received_total{{venue=\"binance\"}} stayed at {first} in Prometheus; {Logs()}", () => server.HasExited || tbot.HasExited);

        // The target is up, and the other key series are there with sane values.
        Assert.Equal(1, Single(await Query(api, "up{job=\"tbot\"}", ct), "up"));
        var published = Single(await Query(api, "tbot_ring_published_total", ct), "tbot_ring_published_total");
        Assert.True(published > 0);
        Assert.InRange(Single(await Query(api, "tbot_ring_processed_total", ct), "tbot_ring_processed_total"), 1, published);
        Assert.True(Single(await Query(api, "tbot_journal_bytes_written_total", ct), "tbot_journal_bytes_written_total") > 0);
        Assert.Equal(0, Single(await Query(api, "sum(tbot_events_rejected_total)", ct), "rejections"));
        Assert.Equal(3, (await Query(api, "tbot_pnl{component=\"total\"}", ct))!.Count);
        Assert.True(Single(await Query(api, "process_cpu_seconds_total{job=\"tbot\"}", ct), "process_cpu_seconds_total") > 0);

        Assert.Equal(0, await tbot.StopAsync(Bound));
    }

    private static double Single(Dictionary<string, double>? series, string what)
    {
        Assert.True(series is { Count: 1 }, $"{what}: expected one series, got {(series is null ? "an error" : string.Join(", ", series.Keys))}");
        return series!.Values.Single();
    }

    /// <summary>An instant query: the venue label (or "") → value; null when Prometheus is not answering yet.</summary>
    private static async Task<Dictionary<string, double>?> Query(HttpClient api, string promql, CancellationToken ct)
    {
        try
        {
            using var response = await api.GetAsync("/api/v1/query?query=" + Uri.EscapeDataString(promql), ct);
            if (!response.IsSuccessStatusCode) return null;
            using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
            var result = new Dictionary<string, double>(StringComparer.Ordinal);
            foreach (var sample in doc.RootElement.GetProperty("data").GetProperty("result").EnumerateArray())
            {
                var key = sample.GetProperty("metric").TryGetProperty("venue", out var venue) ? venue.GetString()!
                    : sample.GetProperty("metric").TryGetProperty("bot", out var bot) ? bot.GetString()! : "";
                result[key] = double.Parse(sample.GetProperty("value")[1].GetString()!, CultureInfo.InvariantCulture);
            }
            return result;
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }
}

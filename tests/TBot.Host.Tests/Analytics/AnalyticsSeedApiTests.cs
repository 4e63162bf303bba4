using System.Globalization;
using System.Text.Json.Nodes;
using TBot.Engine.Journal;
using TBot.Host.Analytics;
using TBot.Host.Tests.Http;

namespace TBot.Host.Tests.Analytics;

/// <summary>A running engine answers a windowed <c>/api/analytics</c> from a window seed (seeds every second of journal
/// time here, through <c>TBOT_ANALYTICS_SEED_SECONDS</c>), and its answer is the report of a scan of the same journal
/// from its start up to the same position.</summary>
public sealed class AnalyticsSeedApiTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task A_windowed_request_reads_from_a_seed_and_answers_what_a_scan_from_the_start_answers()
    {
        var port = FreePort.Next();
        var ct = TestContext.Current.CancellationToken;
        var journal = Path.Combine(Path.GetTempPath(), $"tbot-{Guid.NewGuid():N}-seeds");
        try
        {
            long fromNs;
            JsonNode answer;
            (long Position, long Records) read;
            await using (var tbot = ChildProcess.Tbot(new Dictionary<string, string?> { ["TBOT_ANALYTICS_SEED_SECONDS"] = "1" },
                "run", "--http", $"127.0.0.1:{port}", "--duration", "300s", "--journal", journal, "--sim-rate", "3000"))
            {
                using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
                var got = await Eventually.Get(async () =>
                {
                    try
                    {
                        var live = JsonNode.Parse(await http.GetStringAsync("/api/analytics", ct))!["journal"]!;
                        if (live["first_time"] is null || live["last_time"] is null) return null;
                        var (first, last) = (Ns(live["first_time"]!.GetValue<string>()), Ns(live["last_time"]!.GetValue<string>()));
                        // Some seconds of journal, then a window of its last one and a half.
                        if (last - first < 4_000_000_000) return null;
                        var from = last - 1_500_000_000;
                        using var response = await http.GetAsync($"/api/analytics?from={from}", ct);
                        if (!response.IsSuccessStatusCode || !response.Headers.TryGetValues("X-Analytics-Read", out var values)) return null;
                        var header = Parse(values.Single());
                        return header.Position > 0 ? Tuple.Create(from, JsonNode.Parse(await response.Content.ReadAsStringAsync(ct))!, header) : null;
                    }
                    catch (HttpRequestException) { return null; }
                }, Bound, () => $"no windowed answer read from a seed; tbot:\n{tbot.Tail()}", () => tbot.HasExited);
                (fromNs, answer, read) = (got.Item1, got.Item2, got.Item3);
                await tbot.StopAsync(Bound);
            }

            var position = answer["journal"]!["position"]!.GetValue<long>();
            Assert.True(read.Records < answer["journal"]!["records"]!.GetValue<long>(), $"read {read.Records} records from position {read.Position}");
            Assert.True(read.Position < position);
            // The same window scanned from the journal's start up to the same position: the same answer (the live
            // answer adds the engine's stage latencies, which a journal on disk does not have).
            var bots = AnalyticsBot.FromManifest(JournalManifest.Load(journal));
            var full = AnalyticsScan.Run(journal, new AnalyticsWindow(fromNs, null), position, ct);
            Assert.Equal(0, full.StartPosition);
            answer["latency"]!.AsObject().Remove("stages");
            Assert.Equal(AnalyticsJson.Serialize(full.Report(null, bots)), answer.ToJsonString(AnalyticsJson.Options));
        }
        finally
        {
            try { Directory.Delete(journal, recursive: true); } catch (IOException) { }
        }
    }

    private static long Ns(string iso) => (DateTimeOffset.Parse(iso, CultureInfo.InvariantCulture).UtcTicks - DateTime.UnixEpoch.Ticks) * 100;

    /// <summary><c>from_position=P; records=R</c>.</summary>
    private static (long Position, long Records) Parse(string header)
    {
        var parts = header.Split(';', StringSplitOptions.TrimEntries).Select(p => p.Split('=')).ToDictionary(p => p[0], p => long.Parse(p[1], CultureInfo.InvariantCulture));
        return (parts["from_position"], parts["records"]);
    }
}

using TBot.Engine.Metrics;
using TBot.Host.Telemetry;

namespace TBot.Host.Tests.Telemetry;

/// <summary>The 1-minute aggregate on crafted samples: rates, counts, averages and maxima.</summary>
public class EngineMinuteTests
{
    private static readonly DateTime Start = new(2025, 11, 24, 16, 0, 0, DateTimeKind.Utc);

    private static EngineSample Sample(double seconds, long accepted, long rejected, long backlog, long lag, double cpu, long workingSet, long gen0,
        long published = 0, long bytes = 0) => new()
    {
        TimeUtc = Start.AddSeconds(seconds),
        Seconds = 1000 + seconds,
        Venues = new Dictionary<string, VenueSample> { ["binance"] = new(accepted / 2, accepted, rejected, bytes, bytes / 10) },
        RingPublished = published,
        RingBacklog = backlog,
        ProjectionLag = lag,
        CpuSeconds = cpu,
        WorkingSetBytes = workingSet,
        Gen0Collections = gen0,
    };

    [Fact]
    public void Counters_become_rates_and_counts_levels_become_averages_and_maxima_over_the_samples_after_the_baseline()
    {
        var samples = new List<EngineSample>
        {
            // Baseline (last sample of the previous minute): its levels do not count, its counters are the start.
            Sample(0, accepted: 1_000, rejected: 5, backlog: 900, lag: 900, cpu: 10, workingSet: 900, gen0: 3, published: 100, bytes: 0),
            Sample(20, accepted: 3_000, rejected: 5, backlog: 10, lag: 4, cpu: 20, workingSet: 100, gen0: 3, published: 2_100, bytes: 2_000),
            Sample(40, accepted: 5_000, rejected: 8, backlog: 50, lag: 40, cpu: 25, workingSet: 300, gen0: 4, published: 4_100, bytes: 4_000),
            Sample(60, accepted: 7_000, rejected: 9, backlog: 30, lag: 1, cpu: 30, workingSet: 200, gen0: 6, published: 6_100, bytes: 6_000),
        };
        var latency = new Dictionary<LatencyStage, LatencySummary> { [LatencyStage.Queue] = new(1_000, 2_000, 90_000, 150_000, 400_000) };

        var m = EngineMinute.Build(Start, samples, latency);
        var v = m.Values;

        Assert.Equal(60, m.Seconds);
        Assert.Equal(100, v["events_accepted_per_s:binance"], 9);        // (7000 - 1000) / 60
        Assert.Equal(50, v["events_received_per_s:binance"], 9);
        Assert.Equal(4, v["events_rejected:binance"]);                   // 9 - 5
        Assert.Equal(100, v["network_received_bytes_per_s:binance"], 9);
        Assert.Equal(100, v["ring_published_per_s"], 9);
        Assert.Equal(30, v["ring_backlog_avg"], 9);                     // (10 + 50 + 30) / 3, the baseline's 900 left out
        Assert.Equal(50, v["ring_backlog_max"]);
        Assert.Equal(15, v["projection_lag_avg"], 9);
        Assert.Equal(40, v["projection_lag_max"]);
        Assert.Equal(20.0 / 60, v["cpu_cores_avg"], 9);                 // 20 CPU seconds over 60 s
        Assert.Equal(0.5, v["cpu_cores_max"], 9);                       // 10 CPU seconds in the first 20 s
        Assert.Equal(200, v["working_set_bytes_avg"], 9);
        Assert.Equal(300, v["working_set_bytes_max"]);
        Assert.Equal(3, v["gc_gen0"]);
        Assert.Equal(2e-6, v["latency_p50_seconds:queue"], 12);
        Assert.Equal(90e-6, v["latency_p99_seconds:queue"], 12);
        Assert.Equal(400e-6, v["latency_max_seconds:queue"], 12);
        Assert.Equal(1_000, v["latency_count:queue"]);
    }

    [Fact]
    public void A_single_sample_gives_zero_rates_and_its_own_levels()
    {
        var m = EngineMinute.Build(Start, [Sample(0, 10, 0, backlog: 7, lag: 2, cpu: 1, workingSet: 64, gen0: 0)], new Dictionary<LatencyStage, LatencySummary>());
        Assert.Equal(0, m.Values["events_accepted_per_s:binance"]);
        Assert.Equal(7, m.Values["ring_backlog_max"]);
        Assert.Equal(7, m.Values["ring_backlog_avg"]);
        Assert.Equal(0, m.Values["cpu_cores_max"]);
    }

    [Fact]
    public void A_venue_that_appears_mid_minute_counts_from_zero()
    {
        var baseline = Sample(0, 0, 0, 0, 0, 0, 1, 0) with { Venues = new Dictionary<string, VenueSample>() };
        var m = EngineMinute.Build(Start, [baseline, Sample(30, accepted: 300, rejected: 3, 0, 0, 0, 1, 0)], new Dictionary<LatencyStage, LatencySummary>());
        Assert.Equal(10, m.Values["events_accepted_per_s:binance"], 9);
        Assert.Equal(3, m.Values["events_rejected:binance"]);
    }

    [Fact]
    public void The_history_keeps_the_last_minutes_and_answers_a_half_open_range()
    {
        var history = new EngineMetricsHistory(capacity: 3);
        for (var i = 0; i < 5; i++) history.Add(new EngineMinute(Start.AddMinutes(i), 60, new SortedDictionary<string, double> { ["i"] = i }));

        Assert.Equal([2.0, 3.0, 4.0], history.Range(Start, Start.AddHours(1)).Select(m => m.Values["i"]));
        Assert.Equal([2.0, 3.0], history.Range(Start.AddMinutes(2), Start.AddMinutes(4)).Select(m => m.Values["i"]));
    }
}

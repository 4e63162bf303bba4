using Prometheus;
using TBot.Engine.Metrics;

namespace TBot.Host.Telemetry;

/// <summary>
/// <c>tbot_stage_latency_seconds{stage}</c> (a Prometheus histogram with fixed buckets from 1 µs to 1 s,
/// cumulative since start) and p50/p99/p99.9/max gauges over the interval since the previous scrape, filled at
/// scrape time from the HdrHistogram recorders: each distinct recorded value is observed once with its count.
/// </summary>
public sealed class StageLatencyMetrics(IMetricFactory metrics)
{
    /// <summary>1-2.5-5 per decade, 1 µs to 1 s.</summary>
    public static readonly double[] Buckets =
    [
        1e-6, 2.5e-6, 5e-6, 1e-5, 2.5e-5, 5e-5, 1e-4, 2.5e-4, 5e-4,
        1e-3, 2.5e-3, 5e-3, 1e-2, 2.5e-2, 5e-2, 0.1, 0.25, 0.5, 1,
    ];

    private readonly Histogram _histogram = metrics.CreateHistogram("tbot_stage_latency_seconds",
        "Hot-path stage latency (ingress, queue, tick_to_intent, journal, fsync), cumulative since start.",
        new HistogramConfiguration { LabelNames = ["stage"], Buckets = Buckets });
    private readonly Gauge _p50 = metrics.CreateGauge("tbot_stage_latency_p50_seconds", "Median stage latency over the interval since the previous scrape (0: nothing recorded).", ["stage"]);
    private readonly Gauge _p99 = metrics.CreateGauge("tbot_stage_latency_p99_seconds", "99th percentile stage latency over the interval since the previous scrape.", ["stage"]);
    private readonly Gauge _p999 = metrics.CreateGauge("tbot_stage_latency_p999_seconds", "99.9th percentile stage latency over the interval since the previous scrape.", ["stage"]);
    private readonly Gauge _max = metrics.CreateGauge("tbot_stage_latency_max_seconds", "Longest stage latency over the interval since the previous scrape.", ["stage"]);
    private readonly Counter _samples = metrics.CreateCounter("tbot_stage_latency_samples_total", "Latency samples recorded per stage since start.", ["stage"]);
    private StageLatencyReader? _reader;
    private LatencyWindow? _window;

    public void Update(StageLatencyReader reader)
    {
        if (!ReferenceEquals(reader, _reader))
        {
            _reader = reader;
            _window = reader.OpenWindow();
        }
        reader.Read(_window!, (stage, h) =>
        {
            var name = LatencyStages.Name(stage);
            var child = _histogram.WithLabels(name);
            foreach (var v in h.RecordedValues())
                child.Observe(v.ValueIteratedTo / 1e9, v.CountAddedInThisIterationStep);
            _samples.WithLabels(name).Inc(h.TotalCount);
            var s = LatencySummary.Of(h);
            _p50.WithLabels(name).Set(s.P50Ns / 1e9);
            _p99.WithLabels(name).Set(s.P99Ns / 1e9);
            _p999.WithLabels(name).Set(s.P999Ns / 1e9);
            _max.WithLabels(name).Set(s.MaxNs / 1e9);
        });
    }
}

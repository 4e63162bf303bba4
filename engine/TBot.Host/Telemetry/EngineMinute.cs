using TBot.Engine.Metrics;

namespace TBot.Host.Telemetry;

/// <summary>
/// One aggregate of the engine's metrics over an interval (a minute by default): counters as rates or counts
/// over the interval, levels as average and maximum over its samples, stage latencies as percentiles of every
/// sample recorded in it. <see cref="Values"/> holds them by name (see <see cref="Build"/> for the names).
/// </summary>
public sealed record EngineMinute(DateTime StartUtc, double Seconds, SortedDictionary<string, double> Values)
{
    /// <summary>
    /// Aggregate <paramref name="samples"/>: the first is the baseline (the last sample of the previous interval,
    /// or the first of the run), the others were taken during the interval. Rates and counts are differences
    /// from the baseline to the last sample; averages and maxima are over the samples after the baseline (all of
    /// them when there is only one).
    /// </summary>
    public static EngineMinute Build(DateTime startUtc, IReadOnlyList<EngineSample> samples, IReadOnlyDictionary<LatencyStage, LatencySummary> latency)
    {
        if (samples.Count == 0) throw new ArgumentException("At least one sample is needed.", nameof(samples));
        var first = samples[0];
        var last = samples[^1];
        var levels = samples.Count > 1 ? samples.Skip(1).ToList() : [.. samples];
        var seconds = last.Seconds - first.Seconds;
        var v = new SortedDictionary<string, double>(StringComparer.Ordinal);
        double Rate(double delta) => seconds > 0 ? delta / seconds : 0;

        foreach (var (venue, now) in last.Venues)
        {
            var before = first.Venues.TryGetValue(venue, out var b) ? b : default;
            v[$"events_received_per_s:{venue}"] = Rate(now.Frames - before.Frames);
            v[$"events_accepted_per_s:{venue}"] = Rate(now.Accepted - before.Accepted);
            v[$"events_rejected:{venue}"] = now.Rejected - before.Rejected;
            v[$"network_received_bytes_per_s:{venue}"] = Rate(now.BytesReceived - before.BytesReceived);
            v[$"network_sent_bytes_per_s:{venue}"] = Rate(now.BytesSent - before.BytesSent);
        }
        v["ring_published_per_s"] = Rate(last.RingPublished - first.RingPublished);
        v["ring_backlog_avg"] = levels.Average(s => (double)s.RingBacklog);
        v["ring_backlog_max"] = levels.Max(s => s.RingBacklog);
        v["ring_producer_waits"] = last.ProducerWaits - first.ProducerWaits;
        v["ring_producer_wait_seconds"] = last.ProducerWaitSeconds - first.ProducerWaitSeconds;
        v["projection_lag_avg"] = levels.Average(s => (double)s.ProjectionLag);
        v["projection_lag_max"] = levels.Max(s => s.ProjectionLag);
        v["orders_submitted"] = last.OrdersSubmitted - first.OrdersSubmitted;
        v["fills"] = last.Fills - first.Fills;
        v["risk_rejections"] = last.RiskRejections - first.RiskRejections;
        // CPU in cores (1.0 = one core busy the whole time): average over the interval, maximum between samples.
        v["cpu_cores_avg"] = Rate(last.CpuSeconds - first.CpuSeconds);
        double cpuMax = 0;
        for (var i = 1; i < samples.Count; i++)
        {
            var dt = samples[i].Seconds - samples[i - 1].Seconds;
            if (dt > 0) cpuMax = Math.Max(cpuMax, (samples[i].CpuSeconds - samples[i - 1].CpuSeconds) / dt);
        }
        v["cpu_cores_max"] = cpuMax;
        v["working_set_bytes_avg"] = levels.Average(s => (double)s.WorkingSetBytes);
        v["working_set_bytes_max"] = levels.Max(s => s.WorkingSetBytes);
        v["managed_heap_bytes_max"] = levels.Max(s => s.ManagedHeapBytes);
        v["gc_gen0"] = last.Gen0Collections - first.Gen0Collections;
        v["gc_gen1"] = last.Gen1Collections - first.Gen1Collections;
        v["gc_gen2"] = last.Gen2Collections - first.Gen2Collections;
        v["gc_allocated_bytes"] = last.AllocatedBytes - first.AllocatedBytes;
        v["gc_pause_seconds"] = last.GcPauseSeconds - first.GcPauseSeconds;
        foreach (var (stage, s) in latency)
        {
            var name = LatencyStages.Name(stage);
            v[$"latency_count:{name}"] = s.Count;
            v[$"latency_p50_seconds:{name}"] = s.P50Ns / 1e9;
            v[$"latency_p99_seconds:{name}"] = s.P99Ns / 1e9;
            v[$"latency_max_seconds:{name}"] = s.MaxNs / 1e9;
        }
        return new EngineMinute(startUtc, Math.Round(seconds, 3), v);
    }
}

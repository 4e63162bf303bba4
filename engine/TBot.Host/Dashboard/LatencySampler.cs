using TBot.Engine.Metrics;
using TBot.Host.Http;
using TBot.Host.Telemetry;

namespace TBot.Host.Dashboard;

/// <summary>
/// THE place where the dashboard's <c>latency</c> series are filled, once per stats interval: the p99 of each hot-path
/// stage over the interval (µs; from the run's stage recorders through a window of its own, so it never steals the
/// intervals /metrics or the 1-minute aggregates read), the journal's last fsync (µs) and the projections' lag
/// (journal records not yet applied; the largest over the run's projections and the dashboard's own). The page draws
/// one sparkline per series name.
/// </summary>
public sealed class LatencySampler
{
    /// <summary>Names and units of the series, in the order <see cref="Sample"/> returns them.</summary>
    public static readonly (string Name, string Unit)[] SeriesNames =
    [
        .. LatencyStages.All.Select(s => (LatencyStages.Name(s) + "_p99", "µs")),
        ("journal_fsync", "µs"),
        ("projection_lag", "records"),
    ];

    private LatencyWindow? _window;
    private StageLatencyReader? _reader;

    public double[] Sample(RunParts parts)
    {
        var values = new double[SeriesNames.Length];
        var i = 0;
        if (parts.Latency is { } reader)
        {
            if (!ReferenceEquals(reader, _reader)) (_reader, _window) = (reader, reader.OpenWindow());
            var summaries = reader.Summaries(_window!);
            foreach (var stage in LatencyStages.All)
                values[i++] = summaries.TryGetValue(stage, out var s) ? Math.Round(s.P99Ns / 1_000.0, 1) : 0;
        }
        else i += LatencyStages.All.Length;
        values[i++] = parts.Session.Writer.LastFsyncNs / 1_000.0;
        long lag = 0;
        foreach (var r in parts.Projections.Runners) lag = Math.Max(lag, r.LagEvents);
        if (parts.Dashboard is { } dashboard) lag = Math.Max(lag, dashboard.Runner.LagEvents);
        values[i] = lag;
        return values;
    }
}

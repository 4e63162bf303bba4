using TBot.Host.Http;

namespace TBot.Host.Dashboard;

/// <summary>
/// THE place where the dashboard's <c>latency</c> series are filled, once per stats interval. For now: the journal's
/// last fsync (µs) and the projections' lag (journal records not yet applied; the largest over the run's projections and the dashboard's own).
/// Per-stage latency histograms (tick-to-intent, ring wait...) are being added on the metrics branch: add their p50/p99
/// here as further samples; the page draws one sparkline per series name, no page change needed.
/// </summary>
public static class LatencySampler
{
    /// <summary>Names and units of the series, in the order <see cref="Sample"/> returns them.</summary>
    public static readonly (string Name, string Unit)[] SeriesNames =
    [
        ("journal_fsync", "µs"),
        ("projection_lag", "records"),
    ];

    public static double[] Sample(RunParts parts)
    {
        var fsyncUs = parts.Session.Writer.LastFsyncNs / 1_000.0;
        long lag = 0;
        foreach (var r in parts.Projections.Runners) lag = Math.Max(lag, r.LagEvents);
        if (parts.Dashboard is { } dashboard) lag = Math.Max(lag, dashboard.Runner.LagEvents);
        return [fsyncUs, lag];
    }
}

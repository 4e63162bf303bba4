using HdrHistogram;
using TBot.Engine.Metrics;

namespace TBot.Host.Telemetry;

/// <summary>
/// The reading side of a run's <see cref="StageLatencies"/> (thread pool only). Each read swaps every stage's
/// recorder once and adds the interval to every open <see cref="LatencyWindow"/>, then hands the caller its own
/// window and clears it. Reads are serialised by a lock: the recorders allow one reader at a time.
/// </summary>
public sealed class StageLatencyReader(StageLatencies latencies)
{
    private readonly object _lock = new();
    private readonly List<LatencyWindow> _windows = [];

    public StageLatencies Latencies => latencies;

    /// <summary>A new window; it collects from the next read on.</summary>
    public LatencyWindow OpenWindow()
    {
        var window = new LatencyWindow();
        lock (_lock) _windows.Add(window);
        return window;
    }

    /// <summary>Harvest, then call <paramref name="read"/> with each stage's part of <paramref name="window"/>
    /// (valid only during the call), then clear the window.</summary>
    public void Read(LatencyWindow window, Action<LatencyStage, HistogramBase> read)
    {
        lock (_lock)
        {
            foreach (var stage in LatencyStages.All)
            {
                var interval = latencies[stage].TakeInterval();
                if (interval.TotalCount == 0) continue;
                foreach (var w in _windows) w[stage].Add(interval);
            }
            foreach (var stage in LatencyStages.All) read(stage, window[stage]);
            window.Reset();
        }
    }

    /// <summary>Summaries of every stage over <paramref name="window"/>, which is cleared.</summary>
    public Dictionary<LatencyStage, LatencySummary> Summaries(LatencyWindow window)
    {
        var result = new Dictionary<LatencyStage, LatencySummary>();
        Read(window, (stage, h) => result[stage] = LatencySummary.Of(h));
        return result;
    }
}

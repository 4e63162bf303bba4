using HdrHistogram;
using TBot.Engine.Metrics;

namespace TBot.Host.Telemetry;

/// <summary>
/// What one reader of the stage latencies has not consumed yet: per stage, every interval harvested since the
/// reader's last <see cref="StageLatencyReader.Read"/>. Each reader (the scrape, the minute aggregator) has its
/// own, so neither steals the other's samples.
/// </summary>
public sealed class LatencyWindow
{
    private readonly HistogramBase[] _stages;

    internal LatencyWindow()
    {
        _stages = new HistogramBase[LatencyStages.All.Length];
        for (var i = 0; i < _stages.Length; i++) _stages[i] = LatencyRecorder.NewAccumulator();
    }

    internal HistogramBase this[LatencyStage stage] => _stages[(int)stage];

    internal void Reset()
    {
        foreach (var h in _stages) h.Reset();
    }
}

namespace TBot.Host.Telemetry;

/// <summary>The last <see cref="Capacity"/> aggregates of the run in memory (oldest dropped first); written by
/// the aggregator, read by the metrics API, from any thread.</summary>
public sealed class EngineMetricsHistory(int capacity = EngineMetricsHistory.DefaultCapacity)
{
    /// <summary>24 h of minutes.</summary>
    public const int DefaultCapacity = 24 * 60;

    private readonly Queue<EngineMinute> _minutes = new();
    private readonly object _lock = new();

    public int Capacity => capacity;

    public void Add(EngineMinute minute)
    {
        lock (_lock)
        {
            if (_minutes.Count == capacity) _minutes.Dequeue();
            _minutes.Enqueue(minute);
        }
    }

    /// <summary>Aggregates starting in [<paramref name="fromUtc"/>, <paramref name="toUtc"/>), oldest first.</summary>
    public List<EngineMinute> Range(DateTime fromUtc, DateTime toUtc)
    {
        lock (_lock) return [.. _minutes.Where(m => m.StartUtc >= fromUtc && m.StartUtc < toUtc)];
    }
}

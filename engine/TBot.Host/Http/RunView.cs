namespace TBot.Host.Http;

/// <summary>
/// The run as the edge sees it: filled in by <see cref="Running.EngineRun"/> once the engine is wired, read by
/// the HTTP endpoints. One instance per run; safe to read from any thread.
/// </summary>
public sealed class RunView
{
    private volatile RunParts? _parts;
    private volatile int _phase = (int)RunPhase.Starting;

    public RunParts? Parts => _parts;

    public RunPhase Phase => (RunPhase)_phase;

    /// <summary>The HTTP server's Prometheus registry (set when it starts), for series the run adds (the bus's).</summary>
    public Prometheus.CollectorRegistry? MetricsRegistry { get; set; }

    /// <summary>The engine is wired and running.</summary>
    public void Attach(RunParts parts)
    {
        _parts = parts;
        _phase = (int)RunPhase.Running;
    }

    /// <summary>The run is stopping (its parts stay readable until the process ends).</summary>
    public void MarkStopping() => _phase = (int)RunPhase.Stopping;
}

using Prometheus;

namespace TBot.Host.Http;

/// <summary>
/// The run's Prometheus registry: the tbot_ series, set from the engine's existing counters by one callback
/// just before each scrape (the hot path never touches a metric), plus the process metrics.
/// One registry per run, so runs in one process (tests) never share series.
/// </summary>
public sealed class EngineMetrics : IDisposable
{
    private readonly RunView _view;
    private readonly IngressMetrics _ingress;
    private readonly PipelineMetrics _pipeline;
    private readonly TradingMetrics _trading;
    private readonly Telemetry.DepthMetrics _depth;
    private readonly Gauge _up;
    private readonly IDisposable _process;

    public EngineMetrics(RunView view)
    {
        _view = view;
        Registry = Metrics.NewCustomRegistry();
        var factory = Metrics.WithCustomRegistry(Registry);
        _ingress = new IngressMetrics(factory);
        _pipeline = new PipelineMetrics(factory);
        _trading = new TradingMetrics(factory);
        _depth = new Telemetry.DepthMetrics(factory);
        _up = factory.CreateGauge("tbot_run_phase", "1 for the run's current phase (starting, running, stopping).", ["phase"]);
        _process = ProcessMetrics.Register(Registry);
        Registry.AddBeforeCollectCallback(Update);
    }

    public CollectorRegistry Registry { get; }

    private void Update()
    {
        var phase = _view.Phase;
        foreach (var p in Enum.GetValues<RunPhase>()) _up.WithLabels(p.ToString().ToLowerInvariant()).Set(p == phase ? 1 : 0);
        if (_view.Parts is not { } parts) return;
        _ingress.Update(parts);
        _pipeline.Update(parts);
        _trading.Update(parts);
        _depth.Update(parts);
    }

    public void Dispose() => _process.Dispose();
}

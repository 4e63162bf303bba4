using TBot.Adapters.Runtime;
using TBot.Engine.Events;
using TBot.Engine.Instruments;
using TBot.Engine.Ring;
using TBot.Host.Running;
using TBot.Host.Stores;

namespace TBot.Host.Http;

/// <summary>
/// The parts of a running engine that the HTTP endpoints read. Everything here is read on scrape or request
/// threads from counters the hot path already keeps (single 64-bit words, volatile reads): nothing is added
/// to the ring threads' work, and a read may be a moment behind.
/// </summary>
public sealed record RunParts(
    InstrumentRegistry Registry,
    MarketDataRuntime MarketData,
    RingBuffer<MarketEvent> Ring,
    TradingSession Session,
    ProjectionSet Projections,
    DateTime StartedUtc)
{
    /// <summary>The dashboard's projection of the journal (its feed reads only this for trading state).</summary>
    public Dashboard.DashboardRun? Dashboard { get; init; }

    /// <summary>The hot path's stage latencies (see Metrics/), null when the run does not time them.</summary>
    public Telemetry.StageLatencyReader? Latency { get; init; }

    /// <summary>The 1-minute aggregates of the run (see Metrics/), null before the aggregator starts.</summary>
    public Telemetry.EngineMetricsHistory? History { get; init; }

    /// <summary>The run's live analytics (GET /api/analytics), null when the run serves no HTTP.</summary>
    public Analytics.AnalyticsRun? Analytics { get; init; }

    /// <summary>The run's control-plane event bus (attach subscribers with <see cref="Bus.EventBus.Subscribe"/>).</summary>
    public Bus.EventBus? Bus { get; init; }
}

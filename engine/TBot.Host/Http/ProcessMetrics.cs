using Prometheus;

namespace TBot.Host.Http;

/// <summary>
/// What prometheus-net gives for the process: CPU, memory, GC and threads (<see cref="DotNetStats"/>), and the
/// runtime's own "System.Runtime" meter (thread pool, GC heap, lock contention, exceptions) through
/// <see cref="MeterAdapter"/>. No EventListener is used, so nothing is attached to the runtime's event pipe.
/// </summary>
public static class ProcessMetrics
{
    public static IDisposable Register(CollectorRegistry registry)
    {
        DotNetStats.Register(registry);
        return MeterAdapter.StartListening(new MeterAdapterOptions
        {
            Registry = registry,
            MetricFactory = Metrics.WithCustomRegistry(registry),
            InstrumentFilterPredicate = instrument => instrument.Meter.Name == "System.Runtime",
        });
    }
}

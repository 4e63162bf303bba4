using Prometheus;

namespace TBot.Host.Bus;

/// <summary>
/// The monitoring subscriber: <c>tbot_bus_events_total{kind}</c> counted as events are delivered to it, and the
/// bus's own delivery counts <c>tbot_bus_retries_total{subscriber}</c>, <c>tbot_bus_dead_letters_total{subscriber}</c>
/// brought up to date before each scrape, all in the run's registry.
/// </summary>
public sealed class BusMetrics
{
    public const string Name = "monitoring";
    private readonly Counter _events;
    private readonly Counter _retries;
    private readonly Counter _deadLetters;
    private readonly EventBus _bus;

    private BusMetrics(EventBus bus, CollectorRegistry registry)
    {
        _bus = bus;
        var factory = Metrics.WithCustomRegistry(registry);
        _events = factory.CreateCounter("tbot_bus_events_total", "Events delivered on the control-plane bus, by kind (remote ones included).", ["kind"]);
        _retries = factory.CreateCounter("tbot_bus_retries_total", "Failed bus deliveries that were retried, by subscriber.", ["subscriber"]);
        _deadLetters = factory.CreateCounter("tbot_bus_dead_letters_total", "Bus events given up on (attempts exhausted or queue full), by subscriber.", ["subscriber"]);
        registry.AddBeforeCollectCallback(Update);
    }

    public static BusSubscription Attach(EventBus bus, CollectorRegistry registry)
    {
        var metrics = new BusMetrics(bus, registry);
        return bus.Subscribe(Name, (e, _) =>
        {
            metrics._events.WithLabels(e.Kind).Inc();
            return ValueTask.CompletedTask;
        });
    }

    private void Update()
    {
        foreach (var s in _bus.Subscriptions)
        {
            _retries.WithLabels(s.Name).IncTo(s.Retries);
            _deadLetters.WithLabels(s.Name).IncTo(s.DeadLetters);
        }
    }
}

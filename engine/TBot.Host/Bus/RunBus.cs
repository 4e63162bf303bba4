using Microsoft.Extensions.Logging;
using Prometheus;
using TBot.Engine.Journal;
using TBot.Host.Alerts;
using TBot.Host.Http;
using TBot.Host.Running;
using TBot.Host.Stores;
using TBot.Persistence.Projections;

namespace TBot.Host.Bus;

/// <summary>
/// The bus of one <c>tbot run</c>, wired: the subscribers (logging, monitoring, alerting, the alert webhook, the
/// Redis mirror when Redis is configured), the journal source from the run's first new record, and, once the
/// engine runs (<see cref="StartPolling"/>), the state poller. Other parts attach their own subscribers through
/// <see cref="Bus"/> (<see cref="EventBus.Subscribe"/>), e.g. the dashboard's WebSocket feed.
/// </summary>
public sealed class RunBus : IAsyncDisposable
{
    private readonly ILoggerFactory _loggers;
    private readonly TradingSession _session;
    private readonly JournalTail _tail;
    private readonly ProjectionRunner _journalSource;
    private readonly Task _journalTask;
    private readonly CancellationTokenSource _stop = new();
    private readonly AlertEngine _alerts;
    private readonly HttpClient? _webhookClient;
    private readonly RedisBusMirror? _mirror;
    private StatePoller? _poller;

    private RunBus(EventBus bus, TradingSession session, string journalDirectory, AlertOptions alerts, CollectorRegistry? metrics,
        RedisConnection? redis, ILoggerFactory loggers)
    {
        Bus = bus;
        _session = session;
        _loggers = loggers;
        LoggingSubscriber.Attach(bus, loggers.CreateLogger("tbot.bus"));
        // Without --http nothing scrapes: the counters go to a registry of their own.
        BusMetrics.Attach(bus, metrics ?? Metrics.NewCustomRegistry());
        _alerts = new AlertEngine(bus, alerts, TimeProvider.System, loggers.CreateLogger("tbot.alerts"));
        _alerts.Attach();
        _alerts.Start();
        if (alerts.Webhook is { } url)
        {
            _webhookClient = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
            new AlertWebhook(new Uri(url), _webhookClient, loggers.CreateLogger("tbot.alerts")).Attach(bus, AlertWebhook.DefaultDelivery(alerts));
        }
        if (redis is not null) _mirror = RedisBusMirror.Start(redis, bus, loggers.CreateLogger("tbot.bus"));

        var writer = session.Writer;
        var bots = session.Core.Bots.ToDictionary(b => b.BotId, b => b.Name);
        var projection = new JournalBusProjection(bus, writer.Manifest.BuildRegistry(), bots, writer.WrittenPosition);
        _tail = new JournalTail(journalDirectory);
        _journalSource = new ProjectionRunner(projection, _tail, journalEnd: () => writer.WrittenPosition);
        _journalTask = Task.Run(async () =>
        {
            try { await _journalSource.RunAsync(_stop.Token).ConfigureAwait(false); }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested) { }
            catch (Exception ex) { loggers.CreateLogger("tbot.bus").LogError(ex, "Bus journal source stopped at position {Applied}", _journalSource.Applied); }
        });
    }

    public EventBus Bus { get; }

    public AlertEngine Alerts => _alerts;

    /// <summary>Wire the bus for a run whose journal writer is open; journal events from its current end on.</summary>
    public static RunBus Start(TradingSession session, string journalDirectory, AlertOptions alerts, CollectorRegistry? metrics,
        RedisConnection? redis, ILoggerFactory loggers) =>
        new(new EventBus(session.Writer.Manifest.JournalId, loggers), session, journalDirectory, alerts, metrics, redis, loggers);

    /// <summary>The engine runs: poll its state and announce the bots.</summary>
    public void StartPolling(RunParts parts)
    {
        _poller = new StatePoller(parts, Bus, TimeProvider.System, _loggers.CreateLogger("tbot.bus"));
        _poller.Start();
        foreach (var bot in _session.Core.Bots) PublishBot(BusEventKinds.BotStarted, bot.BotId, bot.Name, bot.Strategy.Name);
    }

    /// <summary>The run is stopping: stop polling before the connections close (their closing is not an outage).</summary>
    public async Task StopPollingAsync()
    {
        if (_poller is { } poller && !_pollerStopped)
        {
            _pollerStopped = true;
            await poller.DisposeAsync().ConfigureAwait(false);
        }
    }

    private bool _pollerStopped;

    private void PublishBot(string kind, int id, string name, string strategy) =>
        Bus.Publish(Bus.Create(kind, $"bot:{id}", $"{Bus.Source}:{Bus.RunId}:{kind}:{id}", DateTimeOffset.UtcNow, new()
        {
            ["bot"] = id.ToString(System.Globalization.CultureInfo.InvariantCulture), ["bot_name"] = name, ["strategy"] = strategy,
        }));

    /// <summary>At the end of a run (the journal closed): let the journal source reach the end (bounded), announce
    /// the bots stopped, deliver what is queued (bounded) and stop.</summary>
    public async ValueTask DisposeAsync()
    {
        await StopPollingAsync().ConfigureAwait(false);
        var end = _session.Writer.WrittenPosition;
        for (var i = 0; i < 100 && _journalSource.Applied < end && !_journalTask.IsCompleted; i++)
            await Task.Delay(20).ConfigureAwait(false);
        await _stop.CancelAsync().ConfigureAwait(false);
        await _journalTask.ConfigureAwait(false);
        _tail.Dispose();
        if (_poller is not null)
            foreach (var bot in _session.Core.Bots) PublishBot(BusEventKinds.BotStopped, bot.BotId, bot.Name, bot.Strategy.Name);
        _alerts.Dispose();
        await Bus.DrainAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        if (_mirror is not null) await _mirror.DisposeAsync().ConfigureAwait(false);
        _webhookClient?.Dispose();
        await Bus.DisposeAsync().ConfigureAwait(false);
        _stop.Dispose();
    }
}

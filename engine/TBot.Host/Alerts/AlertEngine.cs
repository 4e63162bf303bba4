using System.Globalization;
using Microsoft.Extensions.Logging;
using TBot.Host.Bus;

namespace TBot.Host.Alerts;

/// <summary>
/// The alerting subscriber. Watches this engine's bus events (remote ones are their engine's business) and raises
/// each rule at most once per episode, then a resolution when the condition clears:
/// <list type="bullet">
/// <item><c>venue_disconnected</c> (warning): a venue down (venue.down) for more than <see cref="AlertOptions.DisconnectedSeconds"/>; resolved on venue.up.</item>
/// <item><c>kill_switch</c> (error): a kill switch fired for a bot (risk.kill_switch, automatic or operator); resolved when the bot is resumed.</item>
/// <item><c>projection_lag</c> (warning): a projection's oldest unapplied record older than <see cref="AlertOptions.ProjectionLagSeconds"/>
/// (projection.lag events carry since when); resolved on projection.caught_up.</item>
/// <item><c>chain_faulted</c> (error): the trading chain or the journal stopped (chain.faulted); the run ends, so no resolution.</item>
/// </list>
/// Time-based rules are evaluated on each event and by <see cref="Tick"/> (every second once started), against the
/// injected <see cref="TimeProvider"/>. Each notification is logged and published on the bus as alert.fired /
/// alert.resolved, where the webhook subscriber posts it with retries.
/// </summary>
public sealed class AlertEngine : IDisposable
{
    public const string Name = "alerting";
    private readonly EventBus _bus;
    private readonly AlertOptions _options;
    private readonly TimeProvider _clock;
    private readonly ILogger _log;
    private readonly Lock _lock = new();
    private readonly Dictionary<(string Rule, string Subject), Condition> _pending = new();
    private readonly Dictionary<(string Rule, string Subject), Episode> _firing = new();
    private readonly Dictionary<(string Rule, string Subject), long> _episodes = new();
    private ITimer? _timer;

    private sealed record Condition(DateTimeOffset Since, string Message);

    private sealed record Episode(long Number, DateTimeOffset Since, string Severity, string Message);

    public AlertEngine(EventBus bus, AlertOptions options, TimeProvider clock, ILogger log)
    {
        _bus = bus;
        _options = options;
        _clock = clock;
        _log = log;
    }

    private readonly List<Alert> _raised = new();

    /// <summary>Alerts raised so far (fired and resolved), oldest first.</summary>
    public IReadOnlyList<Alert> Raised
    {
        get { lock (_lock) return [.. _raised]; }
    }

    public BusSubscription Attach() => _bus.Subscribe(Name, (e, _) =>
    {
        OnEvent(e);
        return ValueTask.CompletedTask;
    });

    /// <summary>Evaluate the time-based rules every second.</summary>
    public void Start() => _timer = _clock.CreateTimer(_ => Tick(), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));

    public void OnEvent(BusEvent e)
    {
        if (e.Remote) return;
        lock (_lock)
        {
            switch (e.Kind)
            {
                case BusEventKinds.VenueDown:
                    _pending.TryAdd((AlertRules.VenueDisconnected, e.Key), new Condition(e.Time, $"venue {e.Get("venue")} disconnected ({e.Get("connections")})"));
                    break;
                case BusEventKinds.VenueUp:
                    Clear(AlertRules.VenueDisconnected, e.Key, $"venue {e.Get("venue")} connected again");
                    break;
                case BusEventKinds.KillSwitch:
                    Fire(AlertRules.KillSwitch, e.Key, e.Time, "error",
                        $"kill switch fired for bot {e.Get("bot")} {e.Get("bot_name")} ({e.Get("cause")}, pnl {e.Get("pnl")})");
                    break;
                case BusEventKinds.BotResumed:
                    Clear(AlertRules.KillSwitch, e.Key, $"bot {e.Get("bot")} {e.Get("bot_name")} resumed");
                    break;
                case BusEventKinds.ProjectionLag:
                    var since = DateTimeOffset.TryParse(e.Get("since"), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var s) ? s : e.Time;
                    // The oldest unapplied record moves forward as the projection catches up: keep the latest view.
                    _pending[(AlertRules.ProjectionLag, e.Key)] = new Condition(since,
                        $"projection {e.Get("projection")} lags {e.Get("lag_s")} s ({e.Get("lag_events")} records)");
                    break;
                case BusEventKinds.ProjectionCaughtUp:
                    Clear(AlertRules.ProjectionLag, e.Key, $"projection {e.Get("projection")} caught up");
                    break;
                case BusEventKinds.ChainFaulted:
                    Fire(AlertRules.ChainFaulted, e.Key, e.Time, "error", $"the trading chain stopped: {e.Get("error")}");
                    break;
            }
            Evaluate(_clock.GetUtcNow());
        }
    }

    /// <summary>Fire the time-based rules whose condition has lasted beyond its threshold.</summary>
    public void Tick()
    {
        lock (_lock) Evaluate(_clock.GetUtcNow());
    }

    private void Evaluate(DateTimeOffset now)
    {
        foreach (var ((rule, subject), condition) in _pending)
        {
            var threshold = TimeSpan.FromSeconds(rule == AlertRules.VenueDisconnected ? _options.DisconnectedSeconds : _options.ProjectionLagSeconds);
            if (now - condition.Since > threshold)
                Fire(rule, subject, condition.Since, "warning", $"{condition.Message} for more than {threshold.TotalSeconds:0.#} s");
        }
    }

    private void Fire(string rule, string subject, DateTimeOffset since, string severity, string message)
    {
        if (_firing.ContainsKey((rule, subject))) return; // once per episode
        var number = _episodes[(rule, subject)] = _episodes.GetValueOrDefault((rule, subject)) + 1;
        var episode = new Episode(number, since, severity, message);
        _firing[(rule, subject)] = episode;
        Raise(rule, subject, "firing", episode, message);
    }

    private void Clear(string rule, string subject, string message)
    {
        _pending.Remove((rule, subject));
        if (!_firing.Remove((rule, subject), out var episode)) return;
        Raise(rule, subject, "resolved", episode, message);
    }

    private void Raise(string rule, string subject, string status, Episode episode, string message)
    {
        var alert = new Alert
        {
            Rule = rule, Status = status, Subject = subject, Severity = episode.Severity, Message = message,
            Since = episode.Since, Time = _clock.GetUtcNow(), Engine = _bus.Source, Episode = episode.Number,
            IdempotencyKey = $"{_bus.Source}:{_bus.RunId}:alert:{rule}:{subject}:{episode.Number}:{status}",
        };
        _raised.Add(alert);
        var level = status == "resolved" ? LogLevel.Information : episode.Severity == "error" ? LogLevel.Error : LogLevel.Warning;
        _log.Log(level, "Alert {Rule} {Status} [{Subject}]: {Message}", rule, status, subject, message);
        _bus.Publish(_bus.Create(status == "firing" ? BusEventKinds.AlertFired : BusEventKinds.AlertResolved,
            $"alert:{rule}:{subject}", alert.IdempotencyKey, alert.Time, AlertPayload.ToData(alert)));
    }

    public void Dispose() => _timer?.Dispose();
}

using System.Globalization;
using Microsoft.Extensions.Logging;
using TBot.Adapters.Connections;
using TBot.Adapters.Ingress;
using TBot.Engine.Books;
using TBot.Engine.Instruments;
using TBot.Host.Http;

namespace TBot.Host.Bus;

/// <summary>
/// The bus's state source: every <see cref="Interval"/> (thread pool) it reads the run's connection and book
/// states, resync counters, projection progress and the chain's health, the same counters /health reads, and
/// publishes only the changes: venue up/down, connection state, book state, resyncs, projection lag (at most one
/// event a second while a projection is ≥ 1 s behind, with its age; see <see cref="ProjectionLagClock"/>), caught
/// up, store failures, chain faulted. Nothing here touches the ring threads.
/// </summary>
public sealed class StatePoller : IAsyncDisposable
{
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan LagReportThreshold = TimeSpan.FromSeconds(1);
    private readonly RunParts _parts;
    private readonly EventBus _bus;
    private readonly TimeProvider _clock;
    private readonly ILogger _log;
    private readonly CancellationTokenSource _stop = new();
    private readonly Dictionary<string, string> _states = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _counters = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ProjectionLagClock> _lag = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _lagReported = new(StringComparer.Ordinal);
    private long _changes;
    private bool _faultReported;
    private Task? _loop;

    public StatePoller(RunParts parts, EventBus bus, TimeProvider clock, ILogger log)
    {
        _parts = parts;
        _bus = bus;
        _clock = clock;
        _log = log;
    }

    public void Start() => _loop = Task.Run(LoopAsync);

    private async Task LoopAsync()
    {
        using var timer = new PeriodicTimer(Interval, _clock);
        try
        {
            do
            {
                try { Poll(); }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    _log.LogWarning(ex, "Bus state poller failed; trying again at the next tick");
                }
            } while (await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // Stopped.
        }
    }

    /// <summary>One poll: publish what changed since the last one.</summary>
    public void Poll()
    {
        var now = _clock.GetUtcNow();
        var pipeline = _parts.MarketData.Pipeline;
        foreach (var venue in RunVenues.Of(_parts.Registry))
        {
            var name = VenueNames.Name(venue);
            var key = $"venue:{name}";
            var connections = _parts.MarketData.Connections.Where(c => c.Venue == venue).ToList();
            foreach (var c in connections)
            {
                var state = c.State.ToString().ToLowerInvariant();
                if (Changed($"{key}:connection:{c.ConnectionId}", state, out var from))
                    Emit(BusEventKinds.ConnectionState, key, now, new() { ["venue"] = name, ["connection"] = Text(c.ConnectionId), ["from"] = from ?? "", ["to"] = state });
            }
            var up = connections.Count > 0 && connections.All(c => c.State == ConnectionState.Open);
            if (Changed(key, up ? "up" : "down", out _))
                Emit(up ? BusEventKinds.VenueUp : BusEventKinds.VenueDown, key, now, new()
                {
                    ["venue"] = name,
                    ["connections"] = string.Join(",", connections.Select(c => $"{c.ConnectionId}={c.State.ToString().ToLowerInvariant()}")),
                });
            foreach (var instrument in _parts.Registry.All)
                if (instrument.Venue == venue && pipeline.Book(instrument.Id) is { } book)
                {
                    var state = IngressReport.StateName(book.State);
                    if (Changed($"book:{instrument.Key}", state, out var from))
                        Emit(BusEventKinds.BookState, key, now, new() { ["venue"] = name, ["instrument"] = instrument.Key, ["from"] = from ?? "", ["to"] = state });
                }
            var resyncs = pipeline.Stats[(int)venue].Resyncs;
            if (Rose($"{key}:resyncs", resyncs, out var before))
                Emit(BusEventKinds.Resync, key, now, new() { ["venue"] = name, ["resyncs"] = Text(resyncs), ["new"] = Text(resyncs - before) });
        }

        var end = _parts.Session.Writer.WrittenPosition;
        foreach (var runner in _parts.Projections.Runners)
        {
            var name = runner.Name.IndexOf(':') is var i and > 0 ? runner.Name[..i] : runner.Name;
            var key = $"projection:{name}";
            if (!_lag.TryGetValue(name, out var clock)) _lag[name] = clock = new ProjectionLagClock();
            var applied = runner.Applied;
            var lag = clock.Observe(end, applied, now);
            var lagging = lag >= LagReportThreshold;
            if (lagging && (!_lagReported.TryGetValue(name, out var last) || now - last >= TimeSpan.FromSeconds(1)))
            {
                _lagReported[name] = now;
                Emit(BusEventKinds.ProjectionLag, key, now, new()
                {
                    ["projection"] = name,
                    ["lag_s"] = lag.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture),
                    ["lag_events"] = Text(Math.Max(0, end - applied)),
                    ["since"] = clock.Since!.Value.ToString("O", CultureInfo.InvariantCulture),
                });
            }
            else if (!lagging && _lagReported.Remove(name))
            {
                Emit(BusEventKinds.ProjectionCaughtUp, key, now, new() { ["projection"] = name, ["applied"] = Text(applied) });
            }
            if (Rose($"{key}:failures", runner.Failures, out _))
                Emit(BusEventKinds.ProjectionFailed, key, now, new()
                {
                    ["projection"] = name,
                    ["failures"] = Text(runner.Failures),
                    ["error"] = runner.LastError?.Message is { Length: > 240 } m ? m[..240] + "…" : runner.LastError?.Message ?? "",
                });
        }

        var session = _parts.Session;
        if (!_faultReported && (session.Fault is not null || session.Writer.IsFaulted))
        {
            _faultReported = true;
            Emit(BusEventKinds.ChainFaulted, "engine", now, new() { ["error"] = session.Fault?.Message ?? "the journal cannot write" });
        }
    }

    private bool Changed(string subject, string state, out string? from)
    {
        var known = _states.TryGetValue(subject, out from);
        if (known && from == state) return false;
        _states[subject] = state;
        return true;
    }

    private bool Rose(string subject, long value, out long before)
    {
        before = _counters.GetValueOrDefault(subject);
        if (value <= before) return false;
        _counters[subject] = value;
        return true;
    }

    private void Emit(string kind, string key, DateTimeOffset now, Dictionary<string, string> data) =>
        _bus.Publish(_bus.Create(kind, key, $"{_bus.Source}:{_bus.RunId}:poll:{++_changes}", now, data));

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        if (_loop is not null) await _loop.ConfigureAwait(false);
        _stop.Dispose();
    }
}

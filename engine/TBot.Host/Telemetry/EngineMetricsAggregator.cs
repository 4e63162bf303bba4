using System.Diagnostics;
using Microsoft.Extensions.Logging;
using TBot.Host.Http;

namespace TBot.Host.Telemetry;

/// <summary>
/// Background task (thread pool) of a run: samples the engine about twenty times per interval, and at each
/// interval boundary (aligned to the wall clock: whole minutes by default) aggregates the samples and the stage
/// latencies recorded in the interval into an <see cref="EngineMinute"/>, keeps it in the
/// <see cref="EngineMetricsHistory"/> and, when PostgreSQL is configured, writes it to <c>engine_metrics</c>.
/// Rows that cannot be written yet (schema still migrating, database down) are retried at the next boundary,
/// up to a bound, then dropped with a warning: the in-memory history still has them.
/// </summary>
public sealed class EngineMetricsAggregator : IAsyncDisposable
{
    public const string IntervalVariable = "TBOT_METRICS_AGGREGATE_SECONDS";
    private const int MaxPending = 60;

    private readonly RunParts _parts;
    private readonly TimeSpan _interval;
    private readonly EngineMetricsStore? _store;
    private readonly ILogger _log;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<EngineMinute> _pending = [];
    private readonly Task _task;
    private bool _storeWarned;

    private EngineMetricsAggregator(RunParts parts, EngineMetricsHistory history, TimeSpan interval, EngineMetricsStore? store, ILogger log)
    {
        _parts = parts;
        History = history;
        _interval = interval;
        _store = store;
        _log = log;
        _task = Task.Run(() => RunAsync(_stop.Token));
    }

    public EngineMetricsHistory History { get; }

    /// <summary>Interval from the configuration, else <see cref="IntervalVariable"/>, else one minute.</summary>
    public static TimeSpan IntervalFrom(int? configuredSeconds)
    {
        var seconds = configuredSeconds
            ?? (int.TryParse(Environment.GetEnvironmentVariable(IntervalVariable), out var s) ? s : 60);
        return TimeSpan.FromSeconds(Math.Clamp(seconds, 1, 3600));
    }

    /// <summary>Start aggregating <paramref name="parts"/> into <paramref name="history"/>.</summary>
    public static EngineMetricsAggregator Start(RunParts parts, EngineMetricsHistory history, TimeSpan interval, ILoggerFactory loggers)
    {
        var store = parts.Projections.Postgres is { } source
            ? new EngineMetricsStore(source, parts.Session.Writer.Manifest.JournalId)
            : null;
        return new EngineMetricsAggregator(parts, history, interval, store, loggers.CreateLogger("tbot.metrics"));
    }

    private async Task RunAsync(CancellationToken stop)
    {
        using var process = Process.GetCurrentProcess();
        var window = _parts.Latency?.OpenWindow();
        var sampleEvery = TimeSpan.FromTicks(Math.Clamp(_interval.Ticks / 20, TimeSpan.TicksPerMillisecond * 50, TimeSpan.TicksPerSecond));
        var samples = new List<EngineSample> { EngineSampler.Take(_parts, process) };
        var bucket = Bucket(DateTime.UtcNow);
        using var timer = new PeriodicTimer(sampleEvery);
        try
        {
            while (await timer.WaitForNextTickAsync(stop).ConfigureAwait(false))
            {
                var sample = EngineSampler.Take(_parts, process);
                samples.Add(sample);
                var now = Bucket(sample.TimeUtc);
                if (now == bucket) continue;
                var latency = window is null ? new() : _parts.Latency!.Summaries(window);
                var minute = EngineMinute.Build(bucket, samples, latency);
                History.Add(minute);
                samples = [sample];
                bucket = now;
                if (_store is not null) await WriteAsync(minute, stop).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The run is ending; a partial interval is not kept.
        }
        catch (Exception ex)
        {
            _log.LogError(ex, "The metrics aggregator stopped");
        }
    }

    private DateTime Bucket(DateTime utc) => new(utc.Ticks - utc.Ticks % _interval.Ticks, DateTimeKind.Utc);

    private async Task WriteAsync(EngineMinute minute, CancellationToken stop)
    {
        _pending.Add(minute);
        try
        {
            await _store!.WriteAsync(_pending, stop).ConfigureAwait(false);
            _pending.Clear();
            _storeWarned = false;
        }
        catch (Exception ex) when (ex is Npgsql.NpgsqlException or TimeoutException or InvalidOperationException)
        {
            if (!_storeWarned) _log.LogWarning("Engine metrics not written to PostgreSQL yet ({Error}); retrying at the next interval", ex.Message);
            _storeWarned = true;
            if (_pending.Count > MaxPending) _pending.RemoveRange(0, _pending.Count - MaxPending);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _task.ConfigureAwait(false);
        _stop.Dispose();
    }
}

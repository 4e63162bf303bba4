using Microsoft.Extensions.Logging;
using Npgsql;
using StackExchange.Redis;
using TBot.Engine.Journal;
using TBot.Persistence.Memory;
using TBot.Persistence.Postgres.History;
using TBot.Persistence.Postgres.Warm;
using TBot.Persistence.Projections;
using TBot.Persistence.Redis;

namespace TBot.Host.Stores;

/// <summary>
/// The journal's projections for one engine process: each configured store gets a <see cref="ProjectionRunner"/>
/// tailing the journal directory on its own task, off the ring. The engine never waits for a store while it
/// trades; at shutdown it gives them a bounded time to reach the journal's end (<see cref="DrainAsync"/>).
/// Checkpoint names carry the journal id, so several engines can share one Redis or database.
/// </summary>
public sealed class ProjectionSet : IAsyncDisposable
{
    private readonly List<ProjectionRunner> _runners = new();
    private readonly List<JournalTail> _tails = new();
    private readonly List<Task> _tasks = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly ILogger _log;
    private readonly string _directory;
    private readonly Func<long> _journalEnd;
    private RedisConnection? _redis;
    private NpgsqlDataSource? _postgres;

    private ProjectionSet(string directory, Func<long> journalEnd, ILogger log)
    {
        _directory = directory;
        _journalEnd = journalEnd;
        _log = log;
    }

    public IReadOnlyList<ProjectionRunner> Runners => _runners;

    /// <summary>The Redis connection when Redis is configured (multi-bot sync shares it).</summary>
    public RedisConnection? Redis => _redis;

    /// <summary>The PostgreSQL data source when one is configured (the metrics API and aggregates use it too).</summary>
    public NpgsqlDataSource? Postgres => _postgres;

    /// <summary>Connect to the configured stores (never fails on a store that is down: the runners retry) and
    /// start one runner per projection.</summary>
    /// <param name="journalEnd">The journal's last written position (the in-process writer's, or the end of a closed journal).</param>
    /// <param name="memory">The in-process hot cache (the embedded default; a live run always has one, a replay none).</param>
    public static Task<ProjectionSet> StartAsync(string journalDirectory, JournalManifest manifest, StoreSettings stores,
        Func<long> journalEnd, ILoggerFactory loggers, CancellationToken cancellationToken, InProcessHotCache? memory = null, bool maintain = false)
    {
        var set = new ProjectionSet(journalDirectory, journalEnd, loggers.CreateLogger("tbot.stores"));
        var id = manifest.JournalId;
        if (memory is not null) set.Add(memory);
        if (stores.Redis is { } redis)
        {
            var connection = set._redis = new RedisConnection(redis, set._log);
            connection.Start();
            set.Add(new DeferredProjection($"redis-hot:{id}", async ct =>
                new RedisHotCache(await connection.GetAsync(ct).ConfigureAwait(false), manifest, name: $"redis-hot:{id}")));
        }
        if (stores.Postgres is { } postgres)
        {
            set._postgres = NpgsqlDataSource.Create(postgres);
            var gate = new PostgresSchemaGate(postgres, stores.MigrateOnStart, set._log, id);
            var source = set._postgres;
            set.Add(new DeferredProjection($"warm_tables:{id}", async ct =>
            {
                await gate.EnsureAsync(ct).ConfigureAwait(false);
                return new WarmTablesLiveProjection(source, manifest, $"warm_tables:{id}");
            }));
            set.Add(new DeferredProjection($"market_data:{id}", async ct =>
                new MarketDataLiveProjection(source, manifest, await gate.EnsureAsync(ct).ConfigureAwait(false), $"market_data:{id}")));
            set.Add(new DeferredProjection($"performance_metrics:{id}", async ct =>
                new PerformanceMetricsLiveProjection(source, manifest, await gate.EnsureAsync(ct).ConfigureAwait(false), $"performance_metrics:{id}")));
        }
        foreach (var runner in set._runners) set.Run(runner);
        if (set._postgres is not null && maintain)
        {
            set._tasks.Add(Task.Run(() => set.MaintainAsync(new HistoryMaintenance(set._postgres), stores.Retention)));
        }
        return Task.FromResult(set);
    }

    /// <summary>Native path: day partitions a week ahead and retention, at start and every 6 hours (the projection
    /// also creates a batch's partitions itself; this keeps DEFAULT empty and drops old days). A failure (database
    /// down, not migrated yet) is retried a minute later.</summary>
    private async Task MaintainAsync(HistoryMaintenance maintenance, TimeSpan? retention)
    {
        while (!_stop.IsCancellationRequested)
        {
            var wait = TimeSpan.FromHours(6);
            try
            {
                var created = await maintenance.EnsurePartitionsAsync(7, _stop.Token).ConfigureAwait(false);
                if (created > 0) _log.LogInformation("PostgreSQL: created {Count} day partitions", created);
                if (retention is { } keep)
                {
                    var result = await maintenance.DropPartitionsOlderThanAsync(keep, cancellationToken: _stop.Token).ConfigureAwait(false);
                    if (result.DroppedPartitions.Count > 0) _log.LogInformation("PostgreSQL: retention dropped {Partitions}", string.Join(", ", result.DroppedPartitions));
                }
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                _log.LogDebug(ex, "PostgreSQL maintenance failed; retrying in a minute");
                wait = TimeSpan.FromMinutes(1);
            }
            try { await Task.Delay(wait, _stop.Token).ConfigureAwait(false); }
            catch (OperationCanceledException) { return; }
        }
    }

    private void Add(IProjection projection)
    {
        var tail = new JournalTail(_directory);
        _tails.Add(tail);
        _runners.Add(new ProjectionRunner(projection, tail, journalEnd: _journalEnd));
    }

    private void Run(ProjectionRunner runner)
    {
        _tasks.Add(Task.Run(async () =>
        {
            try
            {
                await runner.RunAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                // Stopped.
            }
            catch (Exception ex)
            {
                // Journal damage: the projection cannot go on without skipping history. Trading is unaffected.
                _log.LogError(ex, "Projection {Name} stopped at position {Applied}", runner.Name, runner.Applied);
            }
        }));
    }

    /// <summary>Wait until every projection holds the journal up to <paramref name="end"/>. Gives up when no
    /// projection has advanced for <paramref name="stallTimeout"/> (a store that is down), so a long catch-up that
    /// keeps moving is waited for and a dead store is not. True when all caught up.</summary>
    public async Task<bool> DrainAsync(long end, TimeSpan stallTimeout, CancellationToken cancellationToken = default)
    {
        var deadline = DateTime.UtcNow + stallTimeout;
        long progress = -1;
        while (true)
        {
            var behind = 0;
            long applied = 0;
            foreach (var r in _runners)
            {
                applied += r.Applied;
                if (r.Applied < end && !Finished(r)) behind++;
            }
            if (behind == 0) return true;
            if (applied != progress)
            {
                progress = applied;
                deadline = DateTime.UtcNow + stallTimeout;
            }
            if (DateTime.UtcNow >= deadline)
            {
                foreach (var r in _runners)
                    if (r.Applied < end)
                        _log.LogWarning("Projection {Name} stops {Lag} records behind the journal ({Error}); it catches up at the next start",
                            r.Name, end - r.Applied, r.LastError?.Message ?? "no error");
                return false;
            }
            await Task.Delay(20, cancellationToken).ConfigureAwait(false);
        }
    }

    private bool Finished(ProjectionRunner runner) => _tasks[_runners.IndexOf(runner)].IsCompleted;

    /// <summary>Per projection: applied position, lag, retried failures. <paramref name="end"/>: the journal's
    /// last position when known (a closed journal); otherwise the lag is measured against what the writer or the
    /// tail has seen.</summary>
    public SortedDictionary<string, ProjectionReport> Report(long? end = null)
    {
        var result = new SortedDictionary<string, ProjectionReport>(StringComparer.Ordinal);
        foreach (var r in _runners)
            result[ReportName(r.Name)] = new ProjectionReport
            {
                Applied = r.Applied,
                LagEvents = end is { } e ? Math.Max(0, e - r.Applied) : Math.Max(Math.Max(0, _journalEnd() - r.Applied), r.LagEvents),
                Failures = r.Failures,
                LastError = Shorten(r.LastError?.Message),
            };
        return result;
    }

    // StackExchange.Redis timeouts carry a page of diagnostics; the first sentence says what happened.
    private static string? Shorten(string? message) => message is { Length: > 240 } m ? m[..240] + "…" : message;

    // "warm_tables:3f9c..." → "warm_tables": the summary is per store, the journal is the run's.
    private static string ReportName(string name) => name.IndexOf(':') is var i and > 0 ? name[..i] : name;

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        try { await Task.WhenAll(_tasks).ConfigureAwait(false); }
        catch (OperationCanceledException) { }
        foreach (var t in _tails) t.Dispose();
        if (_redis is not null) await _redis.DisposeAsync().ConfigureAwait(false);
        if (_postgres is not null) await _postgres.DisposeAsync().ConfigureAwait(false);
        _stop.Dispose();
    }
}

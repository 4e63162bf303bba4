using TBot.Engine.Journal;
using TBot.Perf.Pipeline;
using TBot.Persistence.Memory;
using TBot.Persistence.Projections;

namespace TBot.Perf.Store;

/// <summary>
/// What live projections cost the hot path: the paced pipeline run (tick-to-intent, <see cref="PipelineHarness.RunPaced"/>)
/// with nothing tailing its journal, then with the projections tailing it live, then (when servers were given) with only
/// the in-process cache. Rounds are interleaved (off, on, cache, off, on, cache, ...) so a change in what else runs on
/// the machine hits every variant alike; each variant reports the median over its rounds.
/// </summary>
internal static class HotPathComparison
{
    public sealed record Result(
        LatencySummary Off, LatencySummary On, LatencySummary? MemoryOnly,
        long[] OffP99Rounds, long[] OnP99Rounds, long[]? MemoryOnlyP99Rounds,
        IReadOnlyList<string> Projections, long MaxLag, long Failures)
    {
        /// <summary>With the projections in a separate <c>nice -n 10 tbot project</c> process (null when not run).</summary>
        public LatencySummary? External { get; init; }
        public long[]? ExternalP99Rounds { get; init; }
        public IReadOnlyList<string> ExternalProjections { get; init; } = [];
        /// <summary>The child's lag when it stopped (0: it caught up) and its store errors, worst over the rounds.</summary>
        public long ExternalEndLag { get; init; }
        public long ExternalFailures { get; init; }
    }

    public static async Task<Result> RunAsync(StorePerfOptions options, TextWriter progress, Func<JournalManifest, List<IProjection>> projections,
        bool withServers, Func<Task> resetCheckpoints)
    {
        List<LatencySummary> off = [], on = [], memoryOnly = [], external = [];
        IReadOnlyList<string> externalNames = [];
        long externalLag = 0, externalFailures = 0;
        IReadOnlyList<string> names = [];
        long maxLag = 0, failures = 0;
        for (var round = 1; round <= options.HotRounds; round++)
        {
            progress.WriteLine($"hot path round {round}/{options.HotRounds}, projections off:");
            off.Add((await PacedAsync(options, progress, null).ConfigureAwait(false)).Latency);

            await resetCheckpoints().ConfigureAwait(false);
            progress.WriteLine($"hot path round {round}/{options.HotRounds}, projections on:");
            var all = await PacedAsync(options, progress, projections).ConfigureAwait(false);
            await resetCheckpoints().ConfigureAwait(false);
            progress.WriteLine($"  tailing: {string.Join(", ", all.Projections)}; worst lag {all.MaxLag:N0} records, {all.Failures} store errors");
            on.Add(all.Latency);
            names = all.Projections;
            maxLag = Math.Max(maxLag, all.MaxLag);
            failures += all.Failures;

            if (withServers)
            {
                progress.WriteLine($"hot path round {round}/{options.HotRounds}, only the in-process cache on:");
                memoryOnly.Add((await PacedAsync(options, progress, manifest => [new InProcessHotCache(manifest)]).ConfigureAwait(false)).Latency);
                if (options.Tbot is { } tbot)
                {
                    progress.WriteLine($"hot path round {round}/{options.HotRounds}, projections in a separate process (nice -n 10 tbot project):");
                    (LatencySummary Latency, long Lag, long Failures, IReadOnlyList<string> Projections) measured;
                    try
                    {
                        measured = await PacedExternalAsync(options, tbot, progress).ConfigureAwait(false);
                    }
                    catch (Exception ex) when (ex is InvalidOperationException or System.ComponentModel.Win32Exception)
                    {
                        // Not fatal: the in-process numbers stand; this variant is reported as not measured.
                        progress.WriteLine($"  separate-process projector not measured: {ex.Message}");
                        continue;
                    }
                    var (latency, lag, storeErrors, externalStores) = measured;
                    progress.WriteLine($"  tailing: {string.Join(", ", externalStores)}; lag when stopped {lag:N0} records, {storeErrors} store errors");
                    external.Add(latency);
                    if (externalStores.Count > 0) externalNames = externalStores;
                    externalLag = Math.Max(externalLag, lag);
                    externalFailures += storeErrors;
                }
            }
        }
        return new Result(Median(off), Median(on), withServers ? Median(memoryOnly) : null,
            off.Select(l => l.P99).ToArray(), on.Select(l => l.P99).ToArray(), withServers ? memoryOnly.Select(l => l.P99).ToArray() : null,
            names, maxLag, failures)
        {
            External = external.Count > 0 ? Median(external) : null,
            ExternalP99Rounds = external.Count > 0 ? external.Select(l => l.P99).ToArray() : null,
            ExternalProjections = externalNames,
            ExternalEndLag = externalLag,
            ExternalFailures = externalFailures,
        };
    }

    /// <summary>The paced run with a <c>tbot project</c> child following its journal into the same stores (a
    /// fresh scratch database per round: one journal per database).</summary>
    private static async Task<(LatencySummary Latency, long Lag, long Failures, IReadOnlyList<string> Projections)> PacedExternalAsync(
        StorePerfOptions options, IReadOnlyList<string> tbot, TextWriter progress)
    {
        var root = Directory.Exists("/dev/shm") ? "/dev/shm" : Path.GetTempPath();
        var runName = "tbot-perf-ext-" + Guid.NewGuid().ToString("N")[..8];
        ScratchDatabase? database = options.Postgres is { } pg ? await ScratchDatabase.CreateAsync(pg, CancellationToken.None).ConfigureAwait(false) : null;
        try
        {
            using var child = ExternalProjector.Start(tbot, Path.Combine(root, runName, "paced"), options.Redis, database?.ConnectionString);
            var pipeline = new PipelineHarness.Options(Frames: options.LatencyFrames, JournalDirectory: root, LatencyRate: options.LatencyRate,
                LatencyFrames: options.LatencyFrames) { RunName = runName };
            (long Lag, long Failures, IReadOnlyList<string> Names) stopped = (-1, -1, []);
            // Stop the child when the paced run ends, before the harness deletes the journal.
            Func<JournalWriter, IDisposable> attach = _ => new Stopper(() => stopped = child.Stop());
            var result = await Task.Factory.StartNew(() => PipelineHarness.RunPaced(pipeline, progress, attach), CancellationToken.None,
                TaskCreationOptions.LongRunning, TaskScheduler.Default).ConfigureAwait(false);
            // The latency stands either way; a missing summary only means the child's lag is unknown (reported as -1).
            if (stopped.Lag < 0) progress.WriteLine($"  tbot project (exit code {child.ExitCode}) wrote no summary; its last output:{Environment.NewLine}{child.OutputTail}");
            return (result.LatencyNs, stopped.Lag, stopped.Failures, stopped.Names);
        }
        finally
        {
            if (database is not null) await database.DisposeAsync().ConfigureAwait(false);
        }
    }

    private sealed class Stopper(Action stop) : IDisposable
    {
        public void Dispose() => stop();
    }

    private static async Task<(LatencySummary Latency, IReadOnlyList<string> Projections, long MaxLag, long Failures)> PacedAsync(
        StorePerfOptions options, TextWriter progress, Func<JournalManifest, List<IProjection>>? projections)
    {
        var pipeline = new PipelineHarness.Options(Frames: options.LatencyFrames, LatencyRate: options.LatencyRate, LatencyFrames: options.LatencyFrames);
        LiveTailers? tailers = null;
        var names = new List<string>();
        Func<JournalWriter, IDisposable>? attach = projections is null ? null : writer =>
        {
            var started = projections(writer.Manifest);
            names.AddRange(started.Select(p => p.Name));
            return tailers = new LiveTailers(writer, started);
        };
        // The hot path spins on a thread of its own; the projections run on the thread pool, as in the engine.
        var result = await Task.Factory.StartNew(() => PipelineHarness.RunPaced(pipeline, progress, attach), CancellationToken.None,
            TaskCreationOptions.LongRunning, TaskScheduler.Default).ConfigureAwait(false);
        return (result.LatencyNs, names, tailers?.MaxLagEvents ?? 0, tailers?.Failures ?? 0);
    }

    /// <summary>Each percentile's median over the rounds (upper median for an even count).</summary>
    private static LatencySummary Median(List<LatencySummary> rounds) => new()
    {
        P50 = MedianOf(rounds.Select(r => r.P50)),
        P99 = MedianOf(rounds.Select(r => r.P99)),
        P999 = MedianOf(rounds.Select(r => r.P999)),
        Max = rounds.Max(r => r.Max),
        Count = rounds.Sum(r => r.Count),
    };

    private static long MedianOf(IEnumerable<long> values)
    {
        var sorted = values.Order().ToArray();
        return sorted[sorted.Length / 2];
    }
}

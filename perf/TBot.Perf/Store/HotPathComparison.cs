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
        IReadOnlyList<string> Projections, long MaxLag, long Failures);

    public static async Task<Result> RunAsync(StorePerfOptions options, TextWriter progress, Func<JournalManifest, List<IProjection>> projections,
        bool withServers, Func<Task> resetCheckpoints)
    {
        List<LatencySummary> off = [], on = [], memoryOnly = [];
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
            }
        }
        return new Result(Median(off), Median(on), withServers ? Median(memoryOnly) : null,
            off.Select(l => l.P99).ToArray(), on.Select(l => l.P99).ToArray(), withServers ? memoryOnly.Select(l => l.P99).ToArray() : null,
            names, maxLag, failures);
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

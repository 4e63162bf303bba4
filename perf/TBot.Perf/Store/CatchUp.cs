using System.Diagnostics;
using TBot.Persistence.Projections;

namespace TBot.Perf.Store;

/// <summary>Catch-up rate: a projection starting at its checkpoint (0) is fed a finished journal by the same
/// <see cref="ProjectionRunner"/> + <see cref="JournalTail"/> the engine uses, timed until the last record is applied. Returns the seconds it took.</summary>
internal static class CatchUp
{
    /// <summary>After this many store errors in a row the store is taken as down: a benchmark must not retry forever.</summary>
    private const int MaxFailures = 20;

    public static async Task<double> MeasureAsync(IProjection projection, WrittenJournal journal, CancellationToken cancellationToken)
    {
        var watch = new PositionWatch(projection, journal.LastPosition);
        using var tail = new JournalTail(journal.Directory);
        var runner = new ProjectionRunner(watch, tail);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var started = Stopwatch.GetTimestamp();
        var run = runner.RunAsync(stop.Token);
        while (!watch.Reached.IsCompleted)
        {
            await Task.WhenAny(watch.Reached, run, Task.Delay(200, cancellationToken)).ConfigureAwait(false);
            if (run.IsCompleted) await run.ConfigureAwait(false); // ends only by an exception: surface it
            if (runner.Failures >= MaxFailures)
            {
                await stop.CancelAsync().ConfigureAwait(false);
                throw new InvalidOperationException($"{projection.Name}: the store failed {runner.Failures} times during catch-up: {runner.LastError?.Message}", runner.LastError);
            }
            cancellationToken.ThrowIfCancellationRequested();
        }
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        await stop.CancelAsync().ConfigureAwait(false);
        try { await run.ConfigureAwait(false); }
        catch (OperationCanceledException) { }
        return seconds;
    }
}

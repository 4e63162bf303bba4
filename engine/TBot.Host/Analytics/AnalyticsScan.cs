using TBot.Engine.Journal;
using TBot.Persistence.Projections;

namespace TBot.Host.Analytics;

/// <summary>Reads a journal directory from its first record to its end (as it is now) into an
/// <see cref="AnalyticsProjection"/>, through the same <see cref="JournalTail"/> batches a live runner uses.</summary>
public static class AnalyticsScan
{
    /// <summary>Throws <see cref="JournalCorruptException"/> on damage, IO exceptions when the journal is unreadable.</summary>
    public static AnalyticsProjection Run(string directory, AnalyticsWindow window, long upToPosition = long.MaxValue, CancellationToken cancellationToken = default)
    {
        var manifest = JournalManifest.Load(directory);
        var projection = new AnalyticsProjection(manifest, window);
        using var tail = new JournalTail(directory);
        long position = 0;
        while (position < upToPosition && tail.TryReadBatch(position, out var batch))
        {
            cancellationToken.ThrowIfCancellationRequested();
            // Synchronous underneath: the projection completes every batch at once.
            projection.ApplyAsync(batch, cancellationToken).GetAwaiter().GetResult();
            position = batch.LastPosition;
            // Nothing after the window's end can change the report.
            if (window.ToNs is { } to && batch.Count > 0 && batch.Records[^1].TimeNs >= to + StepBackAllowanceNs) break;
        }
        return projection;
    }

    /// <summary>Record times may step back a little (several producers); past the window's end by this much, stop reading.</summary>
    private const long StepBackAllowanceNs = 60_000_000_000;
}

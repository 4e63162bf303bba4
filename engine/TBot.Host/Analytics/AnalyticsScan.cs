using TBot.Engine.Journal;
using TBot.Persistence.Projections;

namespace TBot.Host.Analytics;

/// <summary>Reads a journal directory into an <see cref="AnalyticsProjection"/> for a window, through the same
/// <see cref="JournalTail"/> batches a live runner uses: from its first record, or from a <see cref="WindowSeed"/>
/// taken before the window's start, up to the window's end (or <c>upToPosition</c>).</summary>
public static class AnalyticsScan
{
    /// <summary>Record times may step back a little (several producers); past the window's end by this much, stop reading.</summary>
    public const long StepBackAllowanceNs = 60_000_000_000;

    /// <summary>Throws <see cref="JournalCorruptException"/> on damage, IO exceptions when the journal is unreadable.</summary>
    /// <param name="seed">Start after this seed's position (see <see cref="SeedShelf.Before"/>); null: from the journal's start.</param>
    public static AnalyticsProjection Run(string directory, AnalyticsWindow window, long upToPosition = long.MaxValue,
        CancellationToken cancellationToken = default, WindowSeed? seed = null)
    {
        var manifest = JournalManifest.Load(directory);
        var projection = new AnalyticsProjection(manifest, window, seed: seed);
        // Nothing after the window's end can change the report.
        var stopNs = window.ToNs is { } to ? (to > long.MaxValue - StepBackAllowanceNs ? long.MaxValue : to + StepBackAllowanceNs) : long.MaxValue;
        using var tail = new JournalTail(directory);
        var position = projection.StartPosition;
        while (position < upToPosition && tail.TryReadBatch(position, out var batch))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!projection.Apply(batch, upToPosition, stopNs)) break;
            position = batch.LastPosition;
        }
        return projection;
    }
}

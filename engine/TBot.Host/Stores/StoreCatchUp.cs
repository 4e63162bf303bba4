using Microsoft.Extensions.Logging;
using TBot.Engine.Journal;
using TBot.Persistence.Projections;

namespace TBot.Host.Stores;

/// <summary>Brings the configured stores up to a closed journal's end from their checkpoints (<c>tbot replay --redis/--postgres</c>).</summary>
public static class StoreCatchUp
{
    public static async Task<SortedDictionary<string, ProjectionReport>> RunAsync(string journalDirectory, StoreSettings stores,
        ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var end = JournalPositions.Last(journalDirectory);
        var manifest = JournalManifest.Load(journalDirectory);
        await using var set = await ProjectionSet.StartAsync(journalDirectory, manifest, stores, () => end, loggers, cancellationToken).ConfigureAwait(false);
        await set.DrainAsync(end, stores.DrainTimeout, cancellationToken).ConfigureAwait(false);
        return set.Report(end);
    }
}

namespace TBot.Persistence.Projections;

/// <summary>
/// A store fed from the journal. The store keeps its own checkpoint (the last journal position applied), so a
/// restart resumes where the data is, not where some other file claims it is.
/// </summary>
public interface IProjection
{
    /// <summary>Stable name: the key of the checkpoint in the store and of the lag metric.</summary>
    string Name { get; }

    /// <summary>The last journal position applied (0 when nothing was).</summary>
    Task<long> LoadCheckpointAsync(CancellationToken cancellationToken);

    /// <summary>Apply a batch and store its <see cref="JournalBatch.LastPosition"/> as the checkpoint, atomically
    /// where the store allows. Must be idempotent: after a failure the same batch is applied again.</summary>
    Task ApplyAsync(JournalBatch batch, CancellationToken cancellationToken);
}

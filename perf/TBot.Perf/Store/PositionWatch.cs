using TBot.Persistence.Projections;

namespace TBot.Perf.Store;

/// <summary>Passes batches to a projection and completes <see cref="Reached"/> once a position is applied: ends a
/// catch-up measurement at the exact batch, without polling.</summary>
internal sealed class PositionWatch(IProjection inner, long target) : IProjection
{
    private readonly TaskCompletionSource _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string Name => inner.Name;

    public Task Reached => _reached.Task;

    public Task<long> LoadCheckpointAsync(CancellationToken cancellationToken) => inner.LoadCheckpointAsync(cancellationToken);

    public async Task ApplyAsync(JournalBatch batch, CancellationToken cancellationToken)
    {
        await inner.ApplyAsync(batch, cancellationToken).ConfigureAwait(false);
        if (batch.LastPosition >= target) _reached.TrySetResult();
    }
}

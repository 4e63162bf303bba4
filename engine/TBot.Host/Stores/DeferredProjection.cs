using TBot.Persistence.Projections;

namespace TBot.Host.Stores;

/// <summary>
/// A projection whose store-side set-up (schema migration, path detection) happens on its first checkpoint load,
/// inside the runner's retry loop, instead of blocking the engine's start on a store that may be down.
/// </summary>
public sealed class DeferredProjection(string name, Func<CancellationToken, Task<IProjection>> create) : IProjection
{
    private IProjection? _inner;

    public string Name => name;

    public async Task<long> LoadCheckpointAsync(CancellationToken cancellationToken)
    {
        _inner ??= await create(cancellationToken).ConfigureAwait(false);
        return await _inner.LoadCheckpointAsync(cancellationToken).ConfigureAwait(false);
    }

    public Task ApplyAsync(JournalBatch batch, CancellationToken cancellationToken) =>
        (_inner ?? throw new InvalidOperationException($"{name}: applied before its checkpoint was loaded")).ApplyAsync(batch, cancellationToken);
}

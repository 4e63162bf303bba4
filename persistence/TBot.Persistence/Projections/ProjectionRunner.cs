using TBot.Engine.Journal;

namespace TBot.Persistence.Projections;

/// <summary>
/// Runs one projection: loads its checkpoint from the store, then feeds it batches from a <see cref="JournalTail"/>
/// forever. A store error (the store is down, a timeout) keeps the position and retries the same batch with
/// backoff, so after an outage the projection catches up with no gap and, since the checkpoint is written
/// with the data, no duplicate. Journal damage is not retried: it ends the run with the exception.
/// Runs on its own task, off the trading path; the engine only ever reads <see cref="Applied"/> / <see cref="LagEvents"/>.
/// </summary>
public sealed class ProjectionRunner
{
    private readonly IProjection _projection;
    private readonly JournalTail _tail;
    private readonly Func<long>? _journalEnd;
    private readonly RetryBackoff _backoff;
    private long _applied;
    private long _failures;
    private Exception? _lastError;

    /// <param name="journalEnd">The journal's last written position when the writer is in this process
    /// (<see cref="JournalWriter.WrittenPosition"/>); without it the lag counts only what the tail has seen.</param>
    public ProjectionRunner(IProjection projection, JournalTail tail, ProjectionRunnerOptions? options = null, Func<long>? journalEnd = null)
    {
        _projection = projection;
        _tail = tail;
        _journalEnd = journalEnd;
        options ??= new ProjectionRunnerOptions();
        _backoff = new RetryBackoff(options.RetryInitial, options.RetryMax);
    }

    public string Name => _projection.Name;

    /// <summary>Last journal position applied to the store.</summary>
    public long Applied => Volatile.Read(ref _applied);

    /// <summary>Journal records not yet in the store: journal last position − applied.</summary>
    public long LagEvents => Math.Max(0, Math.Max(_journalEnd?.Invoke() ?? 0, _tail.LastSeenPosition) - Applied);

    /// <summary>Store errors so far (each one retried).</summary>
    public long Failures => Interlocked.Read(ref _failures);

    public Exception? LastError => Volatile.Read(ref _lastError);

    /// <summary>Runs until <paramref name="cancellationToken"/> is cancelled (then throws <see cref="OperationCanceledException"/>).</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var position = await RetryAsync(_projection.LoadCheckpointAsync, cancellationToken).ConfigureAwait(false);
        Volatile.Write(ref _applied, position);
        while (true)
        {
            var batch = await _tail.ReadAsync(position, cancellationToken).ConfigureAwait(false);
            await RetryAsync(async ct =>
            {
                await _projection.ApplyAsync(batch, ct).ConfigureAwait(false);
                return 0L;
            }, cancellationToken).ConfigureAwait(false);
            position = batch.LastPosition;
            Volatile.Write(ref _applied, position);
        }
    }

    private async Task<T> RetryAsync<T>(Func<CancellationToken, Task<T>> attempt, CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                var result = await attempt(cancellationToken).ConfigureAwait(false);
                _backoff.Reset();
                return result;
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // Any store error is worth a retry: the store's state is defined by the checkpoint it holds,
                // and the same batch is applied again.
                Interlocked.Increment(ref _failures);
                Volatile.Write(ref _lastError, ex);
                await Task.Delay(_backoff.NextDelay(), cancellationToken).ConfigureAwait(false);
            }
        }
    }
}

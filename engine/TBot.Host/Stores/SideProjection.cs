using Microsoft.Extensions.Logging;
using TBot.Persistence.Projections;

namespace TBot.Host.Stores;

/// <summary>
/// An in-process projection that follows the run's journal beside the stores (the dashboard's, the analytics'): its
/// own <see cref="JournalTail"/> and <see cref="ProjectionRunner"/> on the thread pool. Not one of the run summary's
/// projections and not part of the shutdown drain: it serves views, not data that must reach a store. Journal damage
/// stops it with an error in the log; trading is unaffected.
/// </summary>
public sealed class SideProjection : IAsyncDisposable
{
    private readonly JournalTail _tail;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _task;

    public SideProjection(string name, IProjection projection, string journalDirectory, Func<long> journalEnd, ILogger log)
    {
        _tail = new JournalTail(journalDirectory);
        Runner = new ProjectionRunner(projection, _tail, journalEnd: journalEnd);
        _task = Task.Run(async () =>
        {
            try { await Runner.RunAsync(_stop.Token).ConfigureAwait(false); }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested) { }
            catch (Exception ex)
            {
                log.LogError(ex, "The {Projection} projection stopped at position {Applied}", name, Runner.Applied);
            }
        });
    }

    public ProjectionRunner Runner { get; }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _task.ConfigureAwait(false);
        _tail.Dispose();
        _stop.Dispose();
    }
}

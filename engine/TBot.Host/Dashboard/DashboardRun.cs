using Microsoft.Extensions.Logging;
using TBot.Engine.Journal;
using TBot.Persistence.Projections;

namespace TBot.Host.Dashboard;

/// <summary>
/// The dashboard's projection of a run, tailing the journal with its own <see cref="ProjectionRunner"/> on the thread
/// pool, as the stores do (<see cref="Stores.ProjectionSet"/>), but beside them: it is not a store, so it stays out of the
/// run summary's projections and of the shutdown drain.
/// </summary>
public sealed class DashboardRun : IAsyncDisposable
{
    private readonly JournalTail _tail;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _task;

    private DashboardRun(string journalDirectory, JournalManifest manifest, Func<long> journalEnd, ILogger log)
    {
        Projection = new DashboardProjection(manifest);
        _tail = new JournalTail(journalDirectory);
        Runner = new ProjectionRunner(Projection, _tail, journalEnd: journalEnd);
        _task = Task.Run(async () =>
        {
            try { await Runner.RunAsync(_stop.Token).ConfigureAwait(false); }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested) { }
            catch (Exception ex)
            {
                // Journal damage: the dashboard stops following; trading is unaffected.
                log.LogError(ex, "The dashboard projection stopped at position {Applied}", Runner.Applied);
            }
        });
    }

    public DashboardProjection Projection { get; }

    public ProjectionRunner Runner { get; }

    public static DashboardRun Start(string journalDirectory, JournalManifest manifest, Func<long> journalEnd, ILoggerFactory loggers) =>
        new(journalDirectory, manifest, journalEnd, loggers.CreateLogger("tbot.dashboard"));

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _task.ConfigureAwait(false);
        _tail.Dispose();
        _stop.Dispose();
    }
}

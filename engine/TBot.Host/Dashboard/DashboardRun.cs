using Microsoft.Extensions.Logging;
using TBot.Engine.Journal;
using TBot.Host.Stores;
using TBot.Persistence.Projections;

namespace TBot.Host.Dashboard;

/// <summary>
/// The dashboard's projection of a run, following the journal as a <see cref="SideProjection"/>: like the stores
/// (<see cref="Stores.ProjectionSet"/>), but beside them, since it is not a store.
/// </summary>
public sealed class DashboardRun : IAsyncDisposable
{
    private readonly SideProjection _follower;

    private DashboardRun(string journalDirectory, JournalManifest manifest, Func<long> journalEnd, ILogger log)
    {
        Projection = new DashboardProjection(manifest);
        _follower = new SideProjection("dashboard", Projection, journalDirectory, journalEnd, log);
    }

    public DashboardProjection Projection { get; }

    public ProjectionRunner Runner => _follower.Runner;

    public static DashboardRun Start(string journalDirectory, JournalManifest manifest, Func<long> journalEnd, ILoggerFactory loggers) =>
        new(journalDirectory, manifest, journalEnd, loggers.CreateLogger("tbot.dashboard"));

    public ValueTask DisposeAsync() => _follower.DisposeAsync();
}

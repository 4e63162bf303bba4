using Microsoft.Extensions.Logging;
using TBot.Engine.Journal;
using TBot.Engine.Metrics;
using TBot.Host.Stores;
using TBot.Host.Telemetry;
using TBot.Persistence.Projections;

namespace TBot.Host.Analytics;

/// <summary>
/// A run's live analytics: an <see cref="AnalyticsProjection"/> over the whole journal, tailing it with its own
/// <see cref="ProjectionRunner"/> on the thread pool like <see cref="Dashboard.DashboardRun"/> (beside the stores, not
/// one of them). Also keeps the run's stage latencies (already measured on the hot path) accumulated since start.
/// </summary>
public sealed class AnalyticsRun : IAsyncDisposable
{
    private readonly SideProjection _follower;
    private readonly Lock _stagesGate = new();
    private readonly Dictionary<LatencyStage, LatencyHistogram> _stages = new();
    private LatencyWindow? _window;

    private AnalyticsRun(string journalDirectory, JournalManifest manifest, Func<long> journalEnd, ILogger log)
    {
        Directory = journalDirectory;
        Bots = AnalyticsBot.FromManifest(manifest);
        Seeds = new SeedShelf(SeedInterval(), log);
        Projection = new AnalyticsProjection(manifest, AnalyticsWindow.All, seeds: Seeds);
        _follower = new SideProjection("analytics", Projection, journalDirectory, journalEnd, log);
    }

    public string Directory { get; }

    public IReadOnlyList<AnalyticsBot> Bots { get; }

    public AnalyticsProjection Projection { get; }

    /// <summary>The live projection's window seeds: a windowed request reads from the one before its start.</summary>
    public SeedShelf Seeds { get; }

    /// <summary>One windowed re-read of the journal at a time: each reads from a seed (or the journal's start) to the
    /// window's end, and on a trading host a burst of them would take the cores the engine needs.</summary>
    public SemaphoreSlim ScanGate { get; } = new(1, 1);

    public static AnalyticsRun Start(string journalDirectory, JournalManifest manifest, Func<long> journalEnd, ILoggerFactory loggers) =>
        new(journalDirectory, manifest, journalEnd, loggers.CreateLogger("tbot.analytics"));

    /// <summary>The stage latencies since the first call (each call harvests what the hot path recorded since the last).</summary>
    public SortedDictionary<string, LatencyRow>? Stages(StageLatencyReader? reader)
    {
        if (reader is null) return null;
        lock (_stagesGate)
        {
            _window ??= reader.OpenWindow();
            reader.Read(_window, (stage, h) =>
            {
                if (!_stages.TryGetValue(stage, out var total)) _stages.Add(stage, total = new LatencyHistogram());
                total.Add(h);
            });
            var rows = new SortedDictionary<string, LatencyRow>(StringComparer.Ordinal);
            foreach (var (stage, h) in _stages) rows[LatencyStages.Name(stage)] = h.Row();
            return rows;
        }
    }

    /// <summary>Journal time between window seeds: 10 minutes; <c>TBOT_ANALYTICS_SEED_SECONDS</c> sets another (a short
    /// run that should have seeds, as for the README's measurement and the API test).</summary>
    private static long SeedInterval() =>
        long.TryParse(Environment.GetEnvironmentVariable("TBOT_ANALYTICS_SEED_SECONDS"), out var s) && s > 0 ? s * 1_000_000_000 : SeedShelf.DefaultEveryNs;

    public ValueTask DisposeAsync() => _follower.DisposeAsync();
}

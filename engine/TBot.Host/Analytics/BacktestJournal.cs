using TBot.Engine.Instruments;
using TBot.Engine.Journal;
using TBot.Host.Trading;

namespace TBot.Host.Analytics;

/// <summary>
/// <c>tbot backtest --journal DIR</c>: the backtest's ring events and decisions written as a normal journal (manifest
/// with the instruments and the trading profile), so <c>tbot analytics --journal DIR</c> works on backtests. Off by
/// default; when on, the journal handler runs after the trading handler exactly as in <c>tbot run</c> (no fsync: a
/// backtest can be run again).
/// </summary>
public sealed class BacktestJournal
{
    private BacktestJournal(JournalWriter writer, DecisionQueue queue)
    {
        Queue = queue;
        Handler = new JournalHandler(writer, queue);
    }

    public DecisionQueue Queue { get; }

    public JournalHandler Handler { get; }

    /// <summary>A problem when <paramref name="directory"/> already holds a journal (a backtest writes a fresh one).</summary>
    public static string? Check(string directory) =>
        File.Exists(JournalManifest.PathIn(directory)) ? $"--journal {directory}: already holds a journal; give a new directory." : null;

    public static BacktestJournal Create(string directory, InstrumentRegistry registry, TradingProfile profile, int ringSize)
    {
        var writer = JournalWriter.Open(new JournalOptions { Directory = directory, FsyncPolicy = FsyncPolicy.None },
            JournalManifest.Create(registry.All, profile.ToJson()), out _);
        return new BacktestJournal(writer, new DecisionQueue(DecisionQueue.CapacityFor(ringSize, 4)));
    }
}

using TBot.Engine.Journal;

namespace TBot.Host.Trading;

/// <summary>Turns the <c>journal</c> configuration section into <see cref="JournalOptions"/>.</summary>
public static class JournalSettings
{
    public static JournalOptions Options(string directory, JournalConfig config, List<string> problems)
    {
        var flush = config.Flush switch
        {
            "batch" => FlushPolicy.PerBatch,
            "interval" => FlushPolicy.IntervalMs,
            _ => Problem(problems, $"journal.flush: '{config.Flush}' is not batch or interval.", FlushPolicy.PerBatch),
        };
        var fsync = config.Fsync switch
        {
            "none" => FsyncPolicy.None,
            "flush" => FsyncPolicy.EveryFlush,
            "interval" => FsyncPolicy.IntervalMs,
            _ => Problem(problems, $"journal.fsync: '{config.Fsync}' is not none, flush or interval.", FsyncPolicy.IntervalMs),
        };
        if (config.FlushMs is < 1 or > 10_000) problems.Add("journal.flushMs: must be 1..10000.");
        if (config.FsyncMs is < 1 or > 60_000) problems.Add("journal.fsyncMs: must be 1..60000.");
        if (config.SegmentMb is < 1 or > 4096) problems.Add("journal.segmentMb: must be 1..4096.");
        return new JournalOptions
        {
            Directory = directory,
            FlushPolicy = flush,
            FlushIntervalMs = Math.Max(1, config.FlushMs),
            FsyncPolicy = fsync,
            FsyncIntervalMs = Math.Max(1, config.FsyncMs),
            SegmentBytes = (long)Math.Clamp(config.SegmentMb, 1, 4096) << 20,
            BufferBytes = 4 << 20,
        };
    }

    private static T Problem<T>(List<string> problems, string text, T fallback)
    {
        problems.Add(text);
        return fallback;
    }
}

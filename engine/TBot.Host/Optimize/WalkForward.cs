using TBot.Engine.Backtest;
using TBot.Host.Backtest;

namespace TBot.Host.Optimize;

/// <summary>Rolling walk-forward windows: train on [s, s + train), test on [s + train, s + train + test), then move
/// s on by the test length, while the test window starts at or before the end of the data.</summary>
public static class WalkForward
{
    public sealed record Window(long TrainFrom, long TrainTo, long TestFrom, long TestTo);

    /// <summary>"train=6h,test=2h" (durations as elsewhere: 30s, 5m, 6h).</summary>
    public static (TimeSpan Train, TimeSpan Test)? Parse(string text, List<string> problems)
    {
        TimeSpan? train = null, test = null;
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var kv = part.Split('=', 2, StringSplitOptions.TrimEntries);
            if (kv.Length == 2 && Commands.DurationParser.TryParse(kv[1], out var span) && span > TimeSpan.Zero)
            {
                if (kv[0] == "train") { train = span; continue; }
                if (kv[0] == "test") { test = span; continue; }
            }
            problems.Add($"--walk-forward '{part}': use train=6h,test=2h.");
        }
        if (train is null || test is null)
        {
            problems.Add("--walk-forward needs both train= and test= durations.");
            return null;
        }
        return (train.Value, test.Value);
    }

    /// <summary>The windows over [start, end] (inclusive ns); the last test window may be cut at the end.</summary>
    public static List<Window> Windows(long start, long end, TimeSpan train, TimeSpan test)
    {
        var trainNs = train.Ticks * 100;
        var testNs = test.Ticks * 100;
        var windows = new List<Window>();
        for (var s = start; s + trainNs <= end; s += testNs)
            windows.Add(new Window(s, s + trainNs - 1, s + trainNs, Math.Min(end, s + trainNs + testNs - 1)));
        return windows;
    }

    /// <summary>First and last event time of the data in [from, to] (a pass over the merged leaves; no trading).</summary>
    public static (long First, long Last)? DataRange(BacktestData data, long? fromNs, long? toNs)
    {
        using var merger = new EventMerger(data.Leaves, fromNs ?? long.MinValue, toNs ?? long.MaxValue);
        long first = 0, last = 0;
        var any = false;
        while (merger.MoveNext())
        {
            last = merger.Current.ReceiveTimeNs;
            if (!any) first = last;
            any = true;
        }
        return any ? (first, last) : null;
    }
}

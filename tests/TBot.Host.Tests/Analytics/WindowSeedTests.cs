using System.Reflection;
using TBot.Engine.Journal;
using TBot.Engine.Orders;
using TBot.Host.Analytics;
using TBot.Host.Dashboard;
using TBot.Persistence.Projections;
using static TBot.Host.Tests.Analytics.LongJournal;

namespace TBot.Host.Tests.Analytics;

/// <summary>
/// Window seeds: a windowed report read from the live projection's seed before the window must be byte-identical to
/// the report of a scan from the journal's start, must really start late, and the shelf keeps what its rule says.
/// </summary>
public sealed class WindowSeedTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Feeds the journal to a live (whole-journal) projection in runner-sized batches, taking seeds.</summary>
    private static AnalyticsProjection Live(AnalyticsJournal j, SeedShelf shelf, int batchSize = 97)
    {
        var live = new AnalyticsProjection(j.Writer.Manifest, AnalyticsWindow.All, seeds: shelf);
        using var tail = new JournalTail(j.Path, new JournalTailOptions { BatchSize = batchSize });
        long read = 0;
        while (tail.TryReadBatch(read, out var batch))
        {
            live.ApplyAsync(batch, TestContext.Current.CancellationToken).GetAwaiter().GetResult();
            read = batch.LastPosition;
        }
        return live;
    }

    private static IEnumerable<long> Froms(SeedShelf shelf)
    {
        foreach (var i in new[] { 2, 9, 17, shelf.Seeds.Count - 3, shelf.Seeds.Count - 6 })
        {
            yield return shelf.Seeds[i].MaxTimeNs;      // this seed's last record is in the window: the one before serves
            yield return shelf.Seeds[i].MaxTimeNs + 1;  // this one serves
        }
        yield return Start - Hour;                  // before the journal: no seed
        yield return Start + 10 * Minute;           // before the first seed
        foreach (var h in new[] { 1, 2, 3, 4, 6, 9, 14, 20, 26 })
        {
            var boundary = Start + h * Hour;
            yield return boundary - 1;              // just before a seed time
            yield return boundary;                  // on it
            yield return boundary + 1;              // just after
            yield return boundary + 2 * Second;     // inside the step-back right after a seed
            yield return boundary + 17 * Minute;    // inside the hour
        }
        yield return AnalyticsJournal.Day2;
        yield return AnalyticsJournal.Day2 - AnalyticsJournal.Ms;
        yield return AnalyticsJournal.Day2 + 24 * Hour;
    }

    private static IEnumerable<long?> Tos(long from)
    {
        yield return null;
        yield return from + 10 * Minute;
        yield return from + Hour;
        yield return from + 7 * Hour;               // across a UTC midnight for some
        yield return (from - Start) / Hour * Hour + Start + 2 * Hour; // on a later seed time
    }

    [Fact]
    public void Seeded_windows_give_the_same_json_as_a_scan_from_the_journal_start()
    {
        using var j = Write(hours: 28);
        var shelf = new SeedShelf();
        var live = Live(j, shelf);
        // Hourly seeds, then 10-minute ones for the journal's last 2 h.
        var gaps = shelf.Seeds.Zip(shelf.Seeds.Skip(1), (a, b) => (b.MaxTimeNs - a.MaxTimeNs + 30 * Second) / Minute).ToList();
        Assert.True(gaps.Count(g => g == 60) >= 25 && gaps.Count(g => g == 10) >= 2, $"minutes between seeds: {string.Join(",", gaps)}");
        var bots = AnalyticsBot.FromManifest(j.Writer.Manifest);
        // The live projection's own report is unchanged by taking seeds.
        Assert.Equal(AnalyticsJson.Serialize(AnalyticsScan.Run(j.Path, AnalyticsWindow.All, cancellationToken: Ct).Report(null, bots)),
            AnalyticsJson.Serialize(live.Report(null, bots)));

        // As the API reads: up to the live projection's position, here the journal's end or two thirds of it.
        var uptos = new[] { long.MaxValue, live.Checkpoint * 2 / 3 };
        int windows = 0, seeded = 0, withStartMark = 0, withFills = 0, withOpenOrders = 0;
        foreach (var upTo in uptos)
        foreach (var from in Froms(shelf))
        foreach (var to in Tos(from))
        {
            var window = new AnalyticsWindow(from, to);
            var seed = shelf.Before(from, upTo);
            var full = AnalyticsScan.Run(j.Path, window, upTo, Ct);
            var fromSeed = AnalyticsScan.Run(j.Path, window, upTo, Ct, seed);
            windows++;
            if (seed is not null)
            {
                seeded++;
                Assert.Equal(seed.Position, fromSeed.StartPosition);
                Assert.True(fromSeed.RecordsRead < full.RecordsRead, $"{window}: read {fromSeed.RecordsRead} from the seed, {full.RecordsRead} from 0");
            }
            foreach (var bot in new int?[] { null, 1, 2 })
            {
                var expected = full.Report(bot, bots);
                Assert.Equal(AnalyticsJson.Serialize(expected), AnalyticsJson.Serialize(fromSeed.Report(bot, bots)));
                if (bot is null)
                {
                    if (expected.Pnl.Total.UnrealisedStart != 0) withStartMark++;
                    if (expected.Slippage.Total.Fills > 0) withFills++;
                    if (expected.FillRatio.Total.Open > 0) withOpenOrders++;
                }
            }
        }
        // Not vacuous: most windows read from a seed, and they carry positions, fills and open orders from before.
        Assert.True(seeded >= windows * 3 / 4, $"{seeded} of {windows} windows seeded");
        Assert.True(withStartMark >= windows / 2 && withFills >= windows / 2 && withOpenOrders >= windows / 4,
            $"{windows} windows: {withStartMark} with unrealised at start, {withFills} with fills, {withOpenOrders} with open orders");
        Assert.Contains(shelf.Seeds, s => s.OpenOrders > 0 && s.Positions == 4 && s.BookLevels > 0);
    }

    [Fact]
    public void A_window_of_the_last_hour_reads_from_the_seed_before_it_not_from_the_start()
    {
        using var j = Write(hours: 12);
        var shelf = new SeedShelf();
        var live = Live(j, shelf, batchSize: 4096);
        var from = Start + 11 * Hour;
        var seed = shelf.Before(from);
        Assert.NotNull(seed);
        Assert.True(seed.MaxTimeNs < from && seed.MaxTimeNs > from - 10 * Second, $"seed at {seed.MaxTimeNs}, window from {from}");
        var window = new AnalyticsWindow(from, null);
        var full = AnalyticsScan.Run(j.Path, window, live.Checkpoint, Ct);
        var fromSeed = AnalyticsScan.Run(j.Path, window, live.Checkpoint, Ct, seed);
        Assert.Equal((0L, seed.Position), (full.StartPosition, fromSeed.StartPosition));
        Assert.Equal(full.RecordsRead, live.RecordsRead);
        // The last hour of twelve, read from just before it.
        Assert.InRange(fromSeed.RecordsRead, 1, full.RecordsRead / 10);
        Assert.Equal(full.RecordsRead, seed.Records + fromSeed.RecordsRead);
        var bots = AnalyticsBot.FromManifest(j.Writer.Manifest);
        Assert.Equal(AnalyticsJson.Serialize(full.Report(null, bots)), AnalyticsJson.Serialize(fromSeed.Report(null, bots)));
        // A seed cannot serve a window that starts at or before its last record.
        Assert.Throws<ArgumentException>(() => new AnalyticsProjection(j.Writer.Manifest, new AnalyticsWindow(seed.MaxTimeNs, null), seed: seed));
        Assert.Throws<ArgumentException>(() => new AnalyticsProjection(j.Writer.Manifest, new AnalyticsWindow(null, from + Hour), seed: seed));
    }

    [Fact]
    public void The_shelf_keeps_2_hours_of_seeds_then_one_an_hour_for_48_hours_then_one_a_day_for_30_days()
    {
        // 40 days of quotes at :05, :15, ... :55: each crosses a 10-minute boundary, so a seed every 10 minutes whose
        // last record is 5 minutes before its boundary.
        using var j = new AnalyticsJournal();
        var start = AnalyticsJournal.Day1;
        const int days = 40;
        for (var t = start + 5 * Minute; t < start + days * 24 * Hour; t += 10 * Minute) j.Quote(t, 1, 1_000_000, 1_000_200);
        j.Writer.Flush();
        var shelf = new SeedShelf();
        Live(j, shelf, batchSize: 50);

        var seeds = shelf.Seeds;
        var newest = seeds[^1].MaxTimeNs;
        Assert.Equal(start + days * 24 * Hour - 15 * Minute, newest); // taken before the last quote (23:55 of the last day)
        long Age(WindowSeed s) => newest - s.MaxTimeNs;
        var recent = seeds.Where(s => Age(s) <= 2 * Hour).ToList();
        var hourly = seeds.Where(s => Age(s) > 2 * Hour && Age(s) <= 48 * Hour).ToList();
        var daily = seeds.Where(s => Age(s) > 48 * Hour).ToList();
        // Every seed of the last 2 h, 10 minutes apart.
        Assert.Equal(13, recent.Count);
        Assert.All(recent.Zip(recent.Skip(1)), p => Assert.Equal(10 * Minute, p.Second.MaxTimeNs - p.First.MaxTimeNs));
        // Then each hour's last (:55), for 48 h.
        Assert.Equal(46, hourly.Count);
        Assert.All(hourly, s => Assert.Equal(55 * Minute, (s.MaxTimeNs - start) % Hour));
        Assert.All(hourly.Zip(hourly.Skip(1)), p => Assert.Equal(Hour, p.Second.MaxTimeNs - p.First.MaxTimeNs));
        // Then each UTC day's last (23:55), back to 30 days before the newest: days 9 to 36 (day 37's is within 48 h).
        Assert.All(daily, s => Assert.Equal(23 * Hour + 55 * Minute, (s.MaxTimeNs - start) % (24 * Hour)));
        Assert.Equal(Enumerable.Range(9, 28).Select(d => start + d * 24 * Hour + 23 * Hour + 55 * Minute), daily.Select(s => s.MaxTimeNs));
        Assert.True(seeds.Count <= SeedShelf.RecentSeeds + 1 + SeedShelf.HourlyHours + SeedShelf.DailyDays);

        // A window reads from the newest seed whose last record is before its start.
        Assert.Equal(newest - 40 * Minute, shelf.Before(newest - 30 * Minute)!.MaxTimeNs);
        var tenHoursBack = newest - 10 * Hour + 5 * Minute; // hh:50
        Assert.Equal(tenHoursBack - 55 * Minute, shelf.Before(tenHoursBack)!.MaxTimeNs);
        var midnight = start + (days - 10) * 24 * Hour;
        Assert.Equal(midnight - 5 * Minute, shelf.Before(midnight)!.MaxTimeNs);
        Assert.Equal(midnight - 5 * Minute, shelf.Before(midnight + 13 * Hour)!.MaxTimeNs);
        Assert.Null(shelf.Before(start + 5 * 24 * Hour));
        // Within what the read may cover (the live projection's position).
        Assert.Equal(seeds[3].Position, shelf.Before(long.MaxValue, seeds[3].Position)!.Position);
        Assert.Equal(seeds[3].Position, shelf.Before(long.MaxValue, seeds[4].Position - 1)!.Position);
    }

    [Fact]
    public void Seed_copies_carry_every_field_and_share_no_mutable_object()
    {
        var instrument = Filled(new DashboardInstrument(AnalyticsJournal.Btc));
        instrument.Bids[100] = 1;
        instrument.Asks[101] = 2;
        var copy = SeedCopy.Instrument(instrument);
        AssertSameFields(instrument, copy);
        Assert.NotSame(instrument.Bids, copy.Bids);
        Assert.Equal(instrument.Bids, copy.Bids);
        Assert.Equal(instrument.Asks, copy.Asks);
        AssertSameFields(Filled(new DashboardPosition(3, 4)), SeedCopy.Position(Filled(new DashboardPosition(3, 4))));
        AssertSameFields(Filled(new TrackedOrder()), SeedCopy.Order(Filled(new TrackedOrder())));
    }

    /// <summary>Every public field, and every settable property, set to a value that is not its default.</summary>
    private static T Filled<T>(T o) where T : class
    {
        var n = 7;
        foreach (var f in typeof(T).GetFields(BindingFlags.Public | BindingFlags.Instance)) f.SetValue(o, Value(f.FieldType, n++));
        foreach (var p in typeof(T).GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.SetMethod?.IsPublic == true))
            p.SetValue(o, Value(p.PropertyType, n++));
        return o;
    }

    private static object Value(Type type, int n) =>
        type == typeof(bool) ? true
        : type.IsEnum ? Enum.ToObject(type, 1)
        : Convert.ChangeType(n, type, System.Globalization.CultureInfo.InvariantCulture);

    private static void AssertSameFields<T>(T expected, T actual)
    {
        foreach (var f in typeof(T).GetFields(BindingFlags.Public | BindingFlags.Instance))
            Assert.True(Equals(f.GetValue(expected), f.GetValue(actual)), $"{typeof(T).Name}.{f.Name} not copied");
        foreach (var p in typeof(T).GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.PropertyType.IsValueType || p.PropertyType == typeof(string)))
            Assert.True(Equals(p.GetValue(expected), p.GetValue(actual)), $"{typeof(T).Name}.{p.Name} not copied");
    }
}

namespace TBot.Host.Tests.Stores;

/// <summary>
/// Multi-bot sync between two engine processes sharing one Redis: each sees the other's positions and fills
/// (published by the other's hot-cache projection), never its own.
/// </summary>
public class MultiEngineSyncTests
{
    private const int RedisPort = 6396;
    private static readonly TimeSpan RunLimit = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task Two_engines_on_one_Redis_see_each_others_positions()
    {
        var ct = TestContext.Current.CancellationToken;
        using var redis = SpareRedis.Start(RedisPort);
        string Journal() => Path.Combine(Path.GetTempPath(), $"tbot-{Guid.NewGuid():N}-journal");
        var (journalA, journalB) = (Journal(), Journal());
        // B starts after A and runs longer, so everything A publishes after B subscribed reaches B while it runs.
        using var a = TbotRun.Start("--journal", journalA, "--duration", "14s", "--sim-rate", "6000", "--redis", redis.Configuration);
        await Task.Delay(TimeSpan.FromSeconds(1), ct);
        using var b = TbotRun.Start("--journal", journalB, "--duration", "17s", "--sim-rate", "6000", "--redis", redis.Configuration);

        var summaryA = new RunSummaryView(await a.SucceedAsync(RunLimit));
        var bOutlivedA = !b.HasExited;
        var summaryB = new RunSummaryView(await b.SucceedAsync(RunLimit));
        Assert.True(bOutlivedA, "B ended before A (the host was too slow to start B): the run order this test relies on did not happen");

        var (idA, idB) = (summaryA.JournalId, summaryB.JournalId);
        Assert.NotEqual(idA, idB);
        var factsA = JournalFacts.Read(journalA);
        var factsB = JournalFacts.Read(journalB);
        var peersOfA = summaryA.Peers();
        var peersOfB = summaryB.Peers();
        Assert.DoesNotContain(idA, peersOfA.Keys);
        Assert.DoesNotContain(idB, peersOfB.Keys);
        Assert.True(peersOfB.ContainsKey(idA), $"B saw nothing of A ({factsA.Fills.Count} fills in A's journal); B's peers: {string.Join(",", peersOfB.Keys)}");
        Assert.True(peersOfA.ContainsKey(idB), $"A saw nothing of B ({factsB.Fills.Count} fills in B's journal); A's peers: {string.Join(",", peersOfA.Keys)}");

        TestContext.Current.TestOutputHelper?.WriteLine($"A {idA}: {factsA.Fills.Count} fills; B {idB}: {factsB.Fills.Count} fills; " +
            $"B saw {peersOfB[idA].Trades} of A's fills, A saw {peersOfA[idB].Trades} of B's");

        // B outlived A: A's last fills were all published while B listened, so B's view of A is A's final state.
        var viewOfA = peersOfB[idA];
        Assert.InRange(viewOfA.Trades, 1, factsA.Fills.Count);
        Assert.Equal(factsA.Fills.Max(f => f.Position), viewOfA.LastPosition);
        var finalA = summaryA.Positions();
        foreach (var (key, quantity) in viewOfA.Positions)
        {
            var (bot, instrument) = Resolve(factsA, key);
            Assert.True(finalA.TryGetValue((bot, factsA.InstrumentKey(instrument)), out var final), $"B holds {key} for A, A's summary has no such position");
            Assert.True(final == quantity, $"B holds {key} = {quantity} for A, A ended with {final}");
        }
        // ... and it has every position A's fills seen by B touched, at least the last one.
        var lastA = factsA.Fills.MaxBy(f => f.Position)!;
        Assert.Contains($"{lastA.Bot}/{factsA.Instruments[lastA.InstrumentId].Venue}:{factsA.Instruments[lastA.InstrumentId].Symbol}", viewOfA.Positions.Keys);

        // A stopped while B still traded: its view of B is B's state as of the last update A received, so each
        // quantity is what one of B's fills up to that position left.
        var viewOfB = peersOfA[idB];
        Assert.InRange(viewOfB.Trades, 1, factsB.Fills.Count);
        Assert.Contains(viewOfB.LastPosition, factsB.Fills.Select(f => f.Position));
        foreach (var (key, quantity) in viewOfB.Positions)
        {
            var (bot, instrument) = Resolve(factsB, key);
            var possible = factsB.Fills.Where(f => f.Bot == bot && f.InstrumentId == instrument && f.Position <= viewOfB.LastPosition)
                .Select(f => factsB.Quantity(instrument, f.PositionAfter)).ToList();
            Assert.True(possible.Contains(quantity), $"A holds {key} = {quantity} for B; B's fills there up to position {viewOfB.LastPosition} left {string.Join(", ", possible)}");
        }
    }

    /// <summary>"bot/venue:symbol" → bot id and the instrument's id in that journal's manifest.</summary>
    private static (int Bot, int Instrument) Resolve(JournalFacts journal, string key)
    {
        var slash = key.IndexOf('/');
        var colon = key.IndexOf(':', slash);
        var (venue, symbol) = (key[(slash + 1)..colon], key[(colon + 1)..]);
        var instrument = journal.Instruments.Values.SingleOrDefault(i => i.Venue == venue && i.Symbol == symbol);
        Assert.True(instrument is not null, $"{key}: no such instrument in journal {journal.JournalId}");
        return (int.Parse(key[..slash], System.Globalization.CultureInfo.InvariantCulture), instrument.Id);
    }
}

using System.Text.Json;
using StackExchange.Redis;

namespace TBot.Host.Tests.Stores;

/// <summary>
/// The Redis side of a run compared with its journal, on a Redis only this test uses: the hot cache's checkpoint is
/// the journal's end and each <c>pos:{bot}:{symbol}</c> holds the position after that bot's last fill there.
/// </summary>
internal static class HotCacheCheck
{
    /// <summary>pos: keys live 30 s from their last write, and a write is never before its fill: a key whose last fill
    /// is younger than this at the time of reading must still be there.</summary>
    private static readonly TimeSpan MustStillExist = TimeSpan.FromSeconds(28);

    public static async Task AssertEqualAsync(IConnectionMultiplexer redis, JournalFacts journal)
    {
        var db = redis.GetDatabase();
        var checkpoint = await db.StringGetAsync($"tbot:checkpoint:redis-hot:{journal.JournalId}");
        Assert.True(checkpoint.HasValue, $"no checkpoint tbot:checkpoint:redis-hot:{journal.JournalId}");
        Assert.Equal(journal.LastPosition, (long)checkpoint);

        // The same symbol on two venues would share a key for one bot: the later fill wins, as in the cache.
        var expected = journal.LastFills.Values.GroupBy(f => $"pos:{f.Bot}:{journal.Instruments[f.InstrumentId].Symbol}")
            .ToDictionary(g => g.Key, g => g.MaxBy(f => f.Position)!);
        var server = redis.GetServers().Single();
        var present = new Dictionary<string, JsonElement>();
        await foreach (var key in server.KeysAsync(pattern: "pos:*"))
        {
            var value = await db.StringGetAsync(key);
            if (value.HasValue) present[key.ToString()] = JsonDocument.Parse(value.ToString()).RootElement;
        }
        var readAt = DateTime.UtcNow;
        foreach (var (key, json) in present)
        {
            Assert.True(expected.TryGetValue(key, out var fill), $"{key} = {json} but no fill in the journal makes it");
            var instrument = journal.Instruments[fill.InstrumentId];
            Assert.Equal(instrument.Venue, json.GetProperty("venue").GetString());
            Assert.True(json.GetProperty("qty").GetDecimal() == journal.Quantity(fill.InstrumentId, fill.PositionAfter),
                $"{key}: qty {json.GetProperty("qty")} in Redis, {journal.Quantity(fill.InstrumentId, fill.PositionAfter)} after the journal's last fill (position {fill.Position})");
        }
        foreach (var (key, fill) in expected)
        {
            var age = readAt - DateTime.UnixEpoch.AddTicks(fill.TimeNs / 100);
            Assert.True(present.ContainsKey(key) || age > MustStillExist, $"{key} is missing although its last fill is only {age.TotalSeconds:F1} s old (TTL 30 s)");
        }
    }
}

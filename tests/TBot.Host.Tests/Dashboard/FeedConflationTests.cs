using System.Text.Json;
using TBot.Host.Dashboard;

namespace TBot.Host.Tests.Dashboard;

/// <summary>The feed builder publishes each instrument at most every 100 ms (feed clock), and the latest state wins.</summary>
public sealed class FeedConflationTests
{
    [Fact]
    public async Task A_burst_of_100_updates_for_one_instrument_becomes_a_few_messages_ending_with_the_latest()
    {
        using var j = new DashboardJournal();
        var projection = new DashboardProjection(j.Manifest);
        var feed = new DashboardFeed();
        var builder = new FeedBuilder(feed, projection, [(1, "one", "market-maker")]);
        var client = new ClientOutbox(capacity: 1024);
        feed.Add(client);
        Drain(client); // the snapshot

        // 100 quotes 1 ms apart (feed clock), each applied as it is journaled and followed by a builder tick.
        var books = new List<JsonElement>();
        for (var i = 1; i <= 100; i++)
        {
            j.Quote(1, 10_000 + i, 20_000 + i);
            await j.ApplyAsync(projection);
            builder.Tick(nowMs: 1_000 + i);
            books.AddRange(Drain(client).Where(m => m.GetProperty("type").GetString() == "book"));
        }
        Assert.InRange(books.Count, 1, 2); // 100 ms of updates: at most one message per 100 ms
        // Nothing changes afterwards; once due, the last state goes out, once.
        builder.Tick(nowMs: 1_250);
        builder.Tick(nowMs: 1_400);
        books.AddRange(Drain(client).Where(m => m.GetProperty("type").GetString() == "book"));
        Assert.InRange(books.Count, 2, 3);
        var last = books[^1].GetProperty("data");
        Assert.Equal("BTCUSDT@binance", last.GetProperty("instrument").GetString());
        Assert.Equal("101", last.GetProperty("bid").GetString());   // 10 100 at scale 2
        Assert.Equal("201", last.GetProperty("ask").GetString());
        // The snapshot a new client gets holds the latest state too.
        using var snapshot = JsonDocument.Parse(feed.Snapshot());
        var item = snapshot.RootElement.GetProperty("items").EnumerateArray().Single(e => e.GetProperty("type").GetString() == "book" && e.GetProperty("data").GetProperty("instrument").GetString() == "BTCUSDT@binance");
        Assert.Equal("101", item.GetProperty("data").GetProperty("bid").GetString());
    }

    [Fact]
    public void The_conflator_passes_a_key_at_most_once_per_interval_and_keys_independently()
    {
        var c = new Conflator(2, 100);
        Assert.True(c.TryPass(0, 0));
        Assert.False(c.TryPass(0, 99));
        Assert.True(c.TryPass(1, 99));
        Assert.True(c.TryPass(0, 100));
        Assert.False(c.TryPass(1, 150));
        Assert.True(c.TryPass(1, 199));
    }

    private static List<JsonElement> Drain(ClientOutbox outbox)
    {
        var list = new List<JsonElement>();
        while (outbox.TryTake(out var m)) list.Add(JsonDocument.Parse(m).RootElement.Clone());
        return list;
    }
}

using TBot.Engine.Orders;

namespace TBot.Engine.Tests.Orders;

public sealed class OrderTableTests
{
    [Fact]
    public void Matches_a_dictionary_under_random_adds_finishes_and_evictions()
    {
        var table = new OrderTable(64);
        var live = new HashSet<long>();
        var finished = new Queue<long>();
        var rng = new Random(7);
        long next = 1;
        for (var step = 0; step < 20_000; step++)
        {
            if (live.Count < 40 && rng.Next(3) != 0)
            {
                var id = ClientOrderIds.Make(rng.Next(1, 4), next++);
                Assert.True(table.TryAdd(new Order { ClientOrderId = id }, out _));
                live.Add(id);
            }
            else if (live.Count > 0)
            {
                var id = live.ElementAt(rng.Next(live.Count));
                live.Remove(id);
                table.MarkFinished(table.Find(id));
                finished.Enqueue(id);
            }
            foreach (var id in live) Assert.True(table.Find(id) >= 0);
            // Evicted = the oldest finished ones beyond what fits.
            while (finished.Count + live.Count > table.Capacity) finished.Dequeue();
        }
        Assert.True(table.Evictions > 0);
        foreach (var id in live) Assert.Equal(id, table[table.Find(id)].ClientOrderId);
        Assert.Equal(-1, table.Find(ClientOrderIds.Make(9, 1)));
    }

    [Fact]
    public void Full_of_open_orders_refuses()
    {
        var table = new OrderTable(4);
        for (var i = 1; i <= 4; i++) Assert.True(table.TryAdd(new Order { ClientOrderId = i }, out _));
        Assert.False(table.TryAdd(new Order { ClientOrderId = 5 }, out _));
        table.MarkFinished(table.Find(2));
        Assert.True(table.TryAdd(new Order { ClientOrderId = 5 }, out _));
        Assert.Equal(-1, table.Find(2));
        Assert.True(table.Find(5) >= 0);
    }
}

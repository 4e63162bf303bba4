using TBot.Engine.Books;

namespace TBot.Engine.Tests.Books;

public class OrderBookTests
{
    [Fact]
    public void Keeps_sides_sorted_best_first_and_removes_on_zero()
    {
        var book = new OrderBook(1, capacityPerSide: 4);
        book.Bids.Set(100, 5, 0, 0);
        book.Bids.Set(102, 1, 0, 0);
        book.Bids.Set(101, 2, 0, 0);
        book.Asks.Set(105, 3, 0, 0);
        book.Asks.Set(103, 4, 0, 0);
        book.Asks.Set(104, 1, 0, 0);
        Assert.Equal(new long[] { 102, 101, 100 }, Prices(book.Bids));
        Assert.Equal(new long[] { 103, 104, 105 }, Prices(book.Asks));

        book.Bids.Set(101, 0, 0, 0);
        book.Asks.Set(999, 0, 0, 0); // removing an unknown level is a no-op
        Assert.Equal(new long[] { 102, 100 }, Prices(book.Bids));
        Assert.Equal(3, book.Asks.Count);
        Assert.True(book.TryGetTop(out var bid, out var ask));
        Assert.Equal(102, bid.Price);
        Assert.Equal(103, ask.Price);
        Assert.False(book.IsCrossed);
        book.Bids.Set(103, 1, 0, 0);
        Assert.True(book.IsCrossed);
    }

    [Fact]
    public void Matches_a_reference_dictionary_under_random_updates_and_grows()
    {
        var rng = new Random(7);
        var book = new OrderBook(1, capacityPerSide: 4);
        var reference = new SortedDictionary<long, long>();
        for (var i = 0; i < 50_000; i++)
        {
            var price = rng.Next(1, 500);
            var qty = rng.Next(0, 3) == 0 ? 0 : rng.Next(1, 1000);
            book.Bids.Set(price, qty, 0, 0);
            if (qty == 0) reference.Remove(price);
            else reference[price] = qty;
        }
        Assert.Equal(reference.Count, book.Bids.Count);
        var expected = reference.Keys.Reverse().ToArray();
        Assert.Equal(expected, Prices(book.Bids));
        foreach (var (p, q) in reference) Assert.Equal(q, book.Bids.QuantityAt(p));
    }

    private static long[] Prices(BookSide side)
    {
        var prices = new long[side.Count];
        for (var i = 0; i < side.Count; i++) prices[i] = side[i].Price;
        return prices;
    }
}

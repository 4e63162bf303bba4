namespace TBot.Adapters.Simulator.Market;

/// <summary>
/// One side of the simulator's authoritative book: parallel price/quantity arrays sorted best-first (index 0 is
/// the best bid or best ask), so the venue writers can walk the top N directly.
/// </summary>
public sealed class SimBookSide
{
    private long[] _prices;
    private long[] _quantities;

    internal SimBookSide(bool isBid, int capacity)
    {
        IsBid = isBid;
        _prices = new long[Math.Max(8, capacity)];
        _quantities = new long[_prices.Length];
    }

    public bool IsBid { get; }

    public int Count { get; private set; }

    public long PriceAt(int depth) => _prices[depth];

    public long QuantityAt(int depth) => _quantities[depth];

    public long BestPrice => Count > 0 ? _prices[0] : 0;

    public long BestQuantity => Count > 0 ? _quantities[0] : 0;

    /// <summary>Depth index of <paramref name="price"/>, or the index it would be inserted at.</summary>
    public int IndexOf(long price, out bool found)
    {
        int lo = 0, hi = Count - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            var p = _prices[mid];
            if (p == price)
            {
                found = true;
                return mid;
            }
            // Best-first: bids descending, asks ascending.
            if (IsBid ? p > price : p < price) lo = mid + 1;
            else hi = mid - 1;
        }
        found = false;
        return lo;
    }

    /// <summary>Set the quantity at a price (0 removes). Returns the depth index touched, or -1 if nothing changed.</summary>
    public int Set(long price, long quantity)
    {
        var i = IndexOf(price, out var found);
        if (quantity == 0)
        {
            if (!found) return -1;
            RemoveAt(i);
            return i;
        }
        if (found)
        {
            _quantities[i] = quantity;
            return i;
        }
        if (Count == _prices.Length)
        {
            Array.Resize(ref _prices, _prices.Length * 2);
            Array.Resize(ref _quantities, _prices.Length);
        }
        Array.Copy(_prices, i, _prices, i + 1, Count - i);
        Array.Copy(_quantities, i, _quantities, i + 1, Count - i);
        _prices[i] = price;
        _quantities[i] = quantity;
        Count++;
        return i;
    }

    internal void RemoveAt(int depth)
    {
        Array.Copy(_prices, depth + 1, _prices, depth, Count - depth - 1);
        Array.Copy(_quantities, depth + 1, _quantities, depth, Count - depth - 1);
        Count--;
    }

    internal void Clear() => Count = 0;

    public PriceLevel[] ToArray(int maxLevels)
    {
        var n = Math.Min(maxLevels, Count);
        var levels = new PriceLevel[n];
        for (var i = 0; i < n; i++) levels[i] = new PriceLevel(_prices[i], _quantities[i]);
        return levels;
    }
}

using System.Runtime.CompilerServices;

namespace TBot.Engine.Books;

/// <summary>
/// One side of a book as a sorted array with the BEST level at the END: most updates touch levels near the
/// top, so inserting or removing there moves few elements. Bids are stored ascending, asks descending.
/// Grows (rarely, doubling) when the venue sends more levels than the initial capacity.
/// </summary>
public sealed class BookSide
{
    private BookLevel[] _levels;
    private readonly bool _isBid;

    public BookSide(bool isBid, int capacity)
    {
        _isBid = isBid;
        _levels = new BookLevel[Math.Max(4, capacity)];
    }

    public int Count { get; private set; }

    public bool IsBid => _isBid;

    /// <summary>Level <paramref name="depth"/> from the top (0 = best).</summary>
    public ref readonly BookLevel this[int depth]
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => ref _levels[Count - 1 - depth];
    }

    public void Clear() => Count = 0;

    /// <summary>Set the size at a price; 0 removes the level (removing an unknown level is a no-op, as venues expect).</summary>
    public void Set(long price, long quantity, byte priceDecimals, byte quantityDecimals)
    {
        var index = Find(price, out var found);
        if (quantity == 0)
        {
            if (found)
            {
                Array.Copy(_levels, index + 1, _levels, index, Count - index - 1);
                Count--;
            }
            return;
        }
        if (found)
        {
            ref var level = ref _levels[index];
            level.Quantity = quantity;
            level.PriceDecimals = priceDecimals;
            level.QuantityDecimals = quantityDecimals;
            return;
        }
        if (Count == _levels.Length) Array.Resize(ref _levels, _levels.Length * 2);
        Array.Copy(_levels, index, _levels, index + 1, Count - index);
        _levels[index] = new BookLevel { Price = price, Quantity = quantity, PriceDecimals = priceDecimals, QuantityDecimals = quantityDecimals };
        Count++;
    }

    /// <summary>Binary search in storage order; returns the index of the price or where it would be inserted.</summary>
    private int Find(long price, out bool found)
    {
        int lo = 0, hi = Count - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            var p = _levels[mid].Price;
            if (p == price)
            {
                found = true;
                return mid;
            }
            // Bids ascending (best = highest at the end); asks descending (best = lowest at the end).
            if (_isBid ? p < price : p > price) lo = mid + 1;
            else hi = mid - 1;
        }
        found = false;
        return lo;
    }

    /// <summary>Quantity at a price, or 0.</summary>
    public long QuantityAt(long price)
    {
        var i = Find(price, out var found);
        return found ? _levels[i].Quantity : 0;
    }

    /// <summary>Copy up to <paramref name="destination"/>.Length levels from the top.</summary>
    public int CopyTop(Span<BookLevel> destination)
    {
        var n = Math.Min(destination.Length, Count);
        for (var i = 0; i < n; i++) destination[i] = _levels[Count - 1 - i];
        return n;
    }
}

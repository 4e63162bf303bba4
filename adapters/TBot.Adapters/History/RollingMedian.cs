namespace TBot.Adapters.History;

/// <summary>Median of the last <c>capacity</c> values (a ring plus a sorted copy per query; windows are small).</summary>
public sealed class RollingMedian(int capacity)
{
    private readonly long[] _ring = new long[capacity];
    private readonly long[] _sorted = new long[capacity];
    private int _count;
    private int _next;

    public int Count => _count;

    public void Add(long value)
    {
        _ring[_next] = value;
        _next = (_next + 1) % _ring.Length;
        if (_count < _ring.Length) _count++;
    }

    public long Median()
    {
        if (_count == 0) return 0;
        var span = _sorted.AsSpan(0, _count);
        _ring.AsSpan(0, _count).CopyTo(span);
        span.Sort();
        return span[_count / 2];
    }
}

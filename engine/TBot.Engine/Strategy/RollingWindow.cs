namespace TBot.Engine.Strategy;

/// <summary>
/// The last N values (price mantissas) in a preallocated ring, with their mean and population standard deviation.
/// Sums are exact (<see cref="Int128"/>, over deviations from the newest value so they stay small); only the final
/// statistics are doubles, which is all a z-score needs.
/// </summary>
public sealed class RollingWindow
{
    private readonly long[] _values;
    private int _next;

    public RollingWindow(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 2);
        _values = new long[capacity];
    }

    public int Capacity => _values.Length;

    public int Count { get; private set; }

    public bool IsFull => Count == _values.Length;

    /// <summary>Mean of the values (valid once at least one was added).</summary>
    public double Mean { get; private set; }

    /// <summary>Population standard deviation of the values.</summary>
    public double StdDev { get; private set; }

    public void Add(long value)
    {
        _values[_next] = value;
        _next = _next + 1 == _values.Length ? 0 : _next + 1;
        if (Count < _values.Length) Count++;
        Recompute(value);
    }

    public void Clear()
    {
        Count = 0;
        _next = 0;
        Mean = 0;
        StdDev = 0;
    }

    /// <summary>How many standard deviations <paramref name="value"/> is from the mean (0 when the deviation is 0).</summary>
    public double ZScore(long value) => StdDev > 0 ? (value - Mean) / StdDev : 0;

    private void Recompute(long reference)
    {
        Int128 sum = 0, sumSquares = 0;
        for (var i = 0; i < Count; i++)
        {
            Int128 d = _values[i] - reference;
            sum += d;
            sumSquares += d * d;
        }
        Int128 n = Count;
        // n²·variance = n·Σd² − (Σd)², exact and never negative.
        var scaledVariance = n * sumSquares - sum * sum;
        Mean = reference + (double)sum / Count;
        StdDev = Math.Sqrt((double)scaledVariance) / Count;
    }
}

namespace TBot.Host.Dashboard;

/// <summary>The last <see cref="Length"/> samples of one value, for a sparkline (edge code: a small ring of doubles).</summary>
public sealed class Series(string name, string unit, int length = Series.DefaultLength)
{
    public const int DefaultLength = 120;

    private readonly double[] _values = new double[length];
    private int _count, _next;

    public string Name { get; } = name;
    public string Unit { get; } = unit;
    public int Length => _values.Length;

    public void Add(double value)
    {
        _values[_next] = value;
        _next = (_next + 1) % _values.Length;
        if (_count < _values.Length) _count++;
    }

    /// <summary>Oldest first.</summary>
    public SeriesPayload ToPayload()
    {
        var list = new double[_count];
        var start = (_next - _count + _values.Length) % _values.Length;
        for (var i = 0; i < _count; i++) list[i] = _values[(start + i) % _values.Length];
        return new SeriesPayload(Name, Unit, list);
    }
}

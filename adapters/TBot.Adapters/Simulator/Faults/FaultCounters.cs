namespace TBot.Adapters.Simulator.Faults;

/// <summary>How many faults of each kind were injected (thread-safe reads).</summary>
public sealed class FaultCounters
{
    private readonly long[] _counts = new long[Enum.GetValues<FaultKind>().Length];

    public long this[FaultKind kind] => Interlocked.Read(ref _counts[(int)kind]);

    public long Total
    {
        get
        {
            long t = 0;
            for (var i = 0; i < _counts.Length; i++) t += Interlocked.Read(ref _counts[i]);
            return t;
        }
    }

    internal void Increment(FaultKind kind) => Interlocked.Increment(ref _counts[(int)kind]);

    public IReadOnlyDictionary<FaultKind, long> ToDictionary()
    {
        var d = new Dictionary<FaultKind, long>();
        foreach (var k in Enum.GetValues<FaultKind>()) d[k] = this[k];
        return d;
    }

    public override string ToString() => string.Join(", ", ToDictionary().Where(kv => kv.Value > 0).Select(kv => $"{kv.Key}={kv.Value}"));
}

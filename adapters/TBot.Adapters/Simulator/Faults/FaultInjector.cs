using TBot.Adapters.Simulator.Market;
using TBot.Engine.Instruments;

namespace TBot.Adapters.Simulator.Faults;

/// <summary>
/// Decides whether to inject a fault at an eligible point (a data message, a REST request) from the configured
/// rules and from one-shot requests (<see cref="InjectNext"/>), and counts what it injected. A "yes" is counted
/// immediately: callers must then inject. Thread-safe; the no-fault path is one volatile read.
/// </summary>
public sealed class FaultInjector
{
    private static readonly int KindCount = Enum.GetValues<FaultKind>().Length;
    private const int VenueSlots = 4;

    private FaultRule[][] _rules;
    private readonly long[][] _ruleCounters;
    private readonly int[] _pending = new int[KindCount * VenueSlots];
    private readonly int[] _armed = new int[KindCount];
    private readonly SeededRandom _rng;
    private readonly Lock _rngLock = new();

    public FaultInjector(IEnumerable<FaultRule> rules, ulong seed)
    {
        _rng = new SeededRandom(SeededRandom.Mix(seed, 0xFA17));
        var byKind = new List<FaultRule>[KindCount];
        for (var i = 0; i < KindCount; i++) byKind[i] = [];
        foreach (var r in rules) byKind[(int)r.Kind].Add(r);
        _rules = new FaultRule[KindCount][];
        _ruleCounters = new long[KindCount][];
        for (var i = 0; i < KindCount; i++)
        {
            _rules[i] = [.. byKind[i]];
            _ruleCounters[i] = new long[_rules[i].Length];
            if (_rules[i].Any(r => r.Probability > 0 || r.EveryN > 0)) _armed[i] = 1;
        }
    }

    public FaultCounters Counters { get; } = new();

    /// <summary>Inject <paramref name="kind"/> at the next eligible point of <paramref name="venue"/> (None = any venue).</summary>
    public void InjectNext(FaultKind kind, Venue venue = Venue.None, int times = 1)
    {
        Interlocked.Add(ref _pending[(int)kind * VenueSlots + (int)venue], times);
        Interlocked.Increment(ref _armed[(int)kind]);
    }

    /// <summary>Stop every rule-based and pending injection (tests: "the faults stop; does the engine recover?").</summary>
    public void Clear()
    {
        var empty = new FaultRule[KindCount][];
        for (var i = 0; i < KindCount; i++) empty[i] = [];
        Volatile.Write(ref _rules, empty);
        Array.Clear(_pending);
        for (var i = 0; i < KindCount; i++) Volatile.Write(ref _armed[i], 0);
    }

    /// <summary>Pending one-shot injections not yet consumed.</summary>
    public int PendingCount(FaultKind kind)
    {
        var n = 0;
        for (var v = 0; v < VenueSlots; v++) n += Volatile.Read(ref _pending[(int)kind * VenueSlots + v]);
        return n;
    }

    /// <summary>Should <paramref name="kind"/> be injected at this eligible point on <paramref name="venue"/>? Counts a yes.</summary>
    public bool ShouldInject(FaultKind kind, Venue venue)
    {
        if (Volatile.Read(ref _armed[(int)kind]) == 0) return false;
        if (TakePending(kind, venue) || TakePending(kind, Venue.None) || RuleFires(kind, venue))
        {
            Counters.Increment(kind);
            return true;
        }
        return false;
    }

    private bool TakePending(FaultKind kind, Venue venue)
    {
        ref var slot = ref _pending[(int)kind * VenueSlots + (int)venue];
        while (true)
        {
            var n = Volatile.Read(ref slot);
            if (n <= 0) return false;
            if (Interlocked.CompareExchange(ref slot, n - 1, n) == n) return true;
        }
    }

    private bool RuleFires(FaultKind kind, Venue venue)
    {
        var rules = _rules[(int)kind];
        for (var i = 0; i < rules.Length; i++)
        {
            var r = rules[i];
            if (r.Venue != Venue.None && r.Venue != venue) continue;
            if (r.EveryN > 0 && Interlocked.Increment(ref _ruleCounters[(int)kind][i]) % r.EveryN == 0) return true;
            if (r.Probability > 0)
            {
                double x;
                lock (_rngLock) x = _rng.NextDouble();
                if (x < r.Probability) return true;
            }
        }
        return false;
    }
}

using TBot.Adapters.Simulator.Market;
using TBot.Engine.Numerics;

namespace TBot.Adapters.Simulator.History;

/// <summary>
/// Deterministic history of one instrument: a function of (seed, venue, symbol, time), never of the live model
/// or the wall clock, so the same seed and range always give the same trades and candles on any machine.
/// <para>
/// Every minute holds exactly <see cref="TradesPerMinute"/> trades, so trade ids are consecutive without
/// walking from the epoch: the i-th trade of minute m has id <c>m·N + i + 1</c>. The price path is a smooth
/// anchor (three seeded sinusoids around the initial price, ±3.5 % at most) plus per-trade noise of a few
/// ticks; each minute draws from its own RNG seeded by (seed, venue, symbol, minute). Candles of any interval
/// that is a whole number of minutes aggregate exactly these trades (OHLCV, trade count, quote volume).
/// </para>
/// </summary>
public sealed class HistoryTape
{
    public const long MinuteMs = 60_000;

    private readonly SimulatedInstrument _spec;
    private readonly ulong _seed;
    private readonly double _phase1, _phase2, _phase3;

    public HistoryTape(ulong seed, SimulatedInstrument spec, int tradesPerMinute)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentOutOfRangeException.ThrowIfLessThan(tradesPerMinute, 1);
        _spec = spec;
        TradesPerMinute = tradesPerMinute;
        _seed = SeededRandom.Mix(SeededRandom.Mix(seed, (ulong)spec.Venue + 0x5157_0000UL), SeededRandom.StableHash(spec.Symbol));
        var rng = new SeededRandom(_seed);
        _phase1 = rng.NextDouble() * Math.Tau;
        _phase2 = rng.NextDouble() * Math.Tau;
        _phase3 = rng.NextDouble() * Math.Tau;
    }

    public SimulatedInstrument Spec => _spec;

    public int TradesPerMinute { get; }

    /// <summary>Id of the first trade at or after <paramref name="timeMs"/>'s minute.</summary>
    public long FirstIdOfMinute(long minute) => minute * TradesPerMinute + 1;

    public static long MinuteOf(long timeMs) => Math.DivRem(timeMs, MinuteMs, out var rem) - (rem < 0 ? 1 : 0);

    public static long MinuteOfId(long id, int tradesPerMinute) => (id - 1) / tradesPerMinute;

    /// <summary>Append the trades of <paramref name="minute"/> (ascending id and time) to <paramref name="into"/>.</summary>
    public void TradesOfMinute(long minute, List<HistoryTrade> into)
    {
        var n = TradesPerMinute;
        var rng = new SeededRandom(SeededRandom.Mix(_seed, (ulong)minute));
        Span<long> offsets = n <= 1024 ? stackalloc long[n] : new long[n];
        for (var i = 0; i < n; i++) offsets[i] = rng.NextLong(MinuteMs);
        offsets.Sort();
        var tick = _spec.TickSize;
        var anchor = Anchor(minute);
        var startMs = minute * MinuteMs;
        var firstId = FirstIdOfMinute(minute);
        for (var i = 0; i < n; i++)
        {
            var noise = rng.NextLong(2 * _spec.WalkTicks * 4 + 1) - _spec.WalkTicks * 4;
            var price = Math.Max(tick, (anchor / tick + noise) * tick);
            var steps = Math.Max(1, _spec.TypicalLevelSize / _spec.StepSize / 4);
            var quantity = (1 + rng.NextLong(steps)) * _spec.StepSize;
            into.Add(new HistoryTrade(firstId + i, startMs + offsets[i], price, quantity, rng.Next(2) == 0));
        }
    }

    /// <summary>Trades with ids in [<paramref name="fromId"/>, ...) up to <paramref name="limit"/> and with time below <paramref name="endMsExclusive"/>.</summary>
    public void TradesFromId(long fromId, int limit, long endMsExclusive, List<HistoryTrade> into)
    {
        var minute = MinuteOfId(Math.Max(1, fromId), TradesPerMinute);
        var scratch = new List<HistoryTrade>(TradesPerMinute);
        while (into.Count < limit)
        {
            if (minute * MinuteMs >= endMsExclusive) return;
            scratch.Clear();
            TradesOfMinute(minute, scratch);
            foreach (var t in scratch)
            {
                if (t.Id < fromId) continue;
                if (t.TimeMs >= endMsExclusive || into.Count >= limit) return;
                into.Add(t);
            }
            minute++;
        }
    }

    /// <summary>The candle [openMs, openMs + intervalMs) aggregated from the trades before <paramref name="nowMs"/>; false when it has none.</summary>
    public bool TryCandle(long openMs, long intervalMs, long nowMs, out Candle candle)
    {
        candle = default;
        if (intervalMs < MinuteMs || intervalMs % MinuteMs != 0) return false;
        long open = 0, high = 0, low = 0, close = 0, volume = 0;
        Int128 quote = 0;
        var count = 0;
        var trades = new List<HistoryTrade>(TradesPerMinute);
        for (var m = MinuteOf(openMs); m * MinuteMs < openMs + intervalMs; m++)
        {
            trades.Clear();
            TradesOfMinute(m, trades);
            foreach (var t in trades)
            {
                if (t.TimeMs >= nowMs) break;
                if (count == 0) open = high = low = t.Price;
                high = Math.Max(high, t.Price);
                low = Math.Min(low, t.Price);
                close = t.Price;
                volume += t.Quantity;
                quote += (Int128)t.Price * t.Quantity;
                count++;
            }
        }
        if (count == 0) return false;
        candle = new Candle(openMs, open, high, low, close, volume, (long)(quote / FixedPoint.Pow10(_spec.QuantityScale)), count);
        return true;
    }

    /// <summary>Smooth anchor price of a minute: three seeded sinusoids (day, ~1.6 h, 13 min) around the initial price.</summary>
    private long Anchor(long minute)
    {
        var m = (double)minute;
        var factor = 1.0
            + 0.02 * Math.Sin(Math.Tau * m / 1440.0 + _phase1)
            + 0.01 * Math.Sin(Math.Tau * m / 97.0 + _phase2)
            + 0.005 * Math.Sin(Math.Tau * m / 13.0 + _phase3);
        return (long)(_spec.InitialPrice * factor);
    }
}

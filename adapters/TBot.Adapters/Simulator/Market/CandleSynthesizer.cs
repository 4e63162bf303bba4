using TBot.Engine.Numerics;

namespace TBot.Adapters.Simulator.Market;

/// <summary>
/// Klines/candles for REST. The simulator has no long history, so bars are synthesised by walking backwards
/// from the current price with an RNG seeded by (seed, symbol, interval, bar time): the same request at the
/// same time gives the same bars, and the newest bar closes at the live price.
/// </summary>
internal static class CandleSynthesizer
{
    /// <summary>
    /// Fill <paramref name="bars"/> oldest-first with <paramref name="count"/> bars of <paramref name="intervalMs"/>
    /// ending with the bar containing <paramref name="endTimeMs"/>.
    /// </summary>
    public static void Synthesize(InstrumentMarket market, ulong seed, long intervalMs, long endTimeMs, int count, List<Candle> bars)
    {
        bars.Clear();
        if (count <= 0) return;
        var spec = market.Spec;
        var tick = spec.TickSize;
        var lastOpen = endTimeMs / intervalMs * intervalMs;
        var firstOpen = lastOpen - (count - 1) * intervalMs;
        var rng = new SeededRandom(SeededRandom.Mix(SeededRandom.Mix(seed, SeededRandom.StableHash(spec.Symbol)), (ulong)(firstOpen ^ intervalMs)));
        var close = market.FairPrice;
        // Volatility per bar grows with the interval (sqrt-ish), in ticks, at least a few ticks.
        var sigma = Math.Max(3, (long)(Math.Sqrt(intervalMs / 1000.0) * spec.WalkTicks));
        var tmp = new Candle[count];
        for (var i = count - 1; i >= 0; i--)
        {
            var open = Math.Max(tick, close + (rng.NextLong(2 * sigma + 1) - sigma) * tick);
            var high = Math.Max(open, close) + rng.NextLong(sigma + 1) * tick;
            var low = Math.Max(tick, Math.Min(open, close) - rng.NextLong(sigma + 1) * tick);
            var volume = spec.TypicalLevelSize * (1 + rng.NextLong(20)) + spec.StepSize * rng.NextLong(1000);
            var quote = (long)((Int128)volume * ((open + close) / 2) / FixedPoint.Pow10(spec.QuantityScale));
            tmp[i] = new Candle(firstOpen + i * intervalMs, open, high, low, close, volume, quote, 10 + rng.Next(500));
            close = open;
        }
        bars.AddRange(tmp);
    }
}

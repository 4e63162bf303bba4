using System.Globalization;
using System.Text;

namespace TBot.Perf.Pipeline;

/// <summary>
/// Binance BTCUSDT frames for the end-to-end run: best bid/ask updates with a trade every fourth frame, from a
/// seeded random walk, each frame stamped with a synthetic receive time 1 µs after the previous one (the engine
/// decides on receive times, so the strategies see a plausible clock). Built once, before timing.
/// </summary>
public static class PipelineFrames
{
    public const long StartNs = 1_700_000_000_000_000_000;
    public const long StepNs = 1_000;
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    public static byte[][] Build(int count, int seed = 11)
    {
        var rng = new Random(seed);
        var frames = new byte[count][];
        long mid = 6_500_000; // 65,000.00 in cents
        long updateId = 1_000_000, tradeId = 5_000_000;
        for (var i = 0; i < count; i++)
        {
            mid += rng.Next(-2, 3);
            var timeMs = (StartNs + i * StepNs) / 1_000_000;
            frames[i] = (i & 3) == 3
                ? Encoding.UTF8.GetBytes($"{{\"stream\":\"btcusdt@trade\",\"data\":{{\"e\":\"trade\",\"E\":{timeMs},\"s\":\"BTCUSDT\",\"t\":{++tradeId},\"p\":\"{Px(mid)}\",\"q\":\"{Qty(rng.Next(1, 50_000))}\",\"T\":{timeMs},\"m\":{(rng.Next(2) == 0 ? "true" : "false")},\"M\":true}}}}")
                : Encoding.UTF8.GetBytes($"{{\"stream\":\"btcusdt@bookTicker\",\"data\":{{\"u\":{++updateId},\"s\":\"BTCUSDT\",\"b\":\"{Px(mid - 1)}\",\"B\":\"{Qty(rng.Next(1, 500_000))}\",\"a\":\"{Px(mid + 1)}\",\"A\":\"{Qty(rng.Next(1, 500_000))}\"}}}}");
        }
        return frames;
    }

    private static string Px(long cents) => (cents / 100).ToString(C) + "." + (cents % 100).ToString("00", C);

    private static string Qty(long units) => (units / 100_000).ToString(C) + "." + (units % 100_000).ToString("00000", C);
}

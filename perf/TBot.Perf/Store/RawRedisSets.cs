using System.Diagnostics;
using System.Text;
using StackExchange.Redis;

namespace TBot.Perf.Store;

/// <summary>
/// The Redis ceiling from this process: plain <c>SET key value EX 5</c> of a hot-cache-sized value, pipelined on one
/// multiplexed connection with a window of requests in flight. No transaction, no JSON building, no journal: what
/// the hot cache could reach at best.
/// </summary>
internal static class RawRedisSets
{
    private const int Window = 8192;
    private const int Keys = 4096;

    public static async Task<double> MeasureAsync(IDatabase db, int sets, CancellationToken cancellationToken)
    {
        var value = Encoding.UTF8.GetBytes("""{"bid":65000.10,"bid_size":1.23456,"ask":65000.20,"ask_size":0.50000,"t":1767225600000000000,"position":123456789}""");
        var keys = new RedisKey[Keys];
        for (var i = 0; i < Keys; i++) keys[i] = $"tbot:perf:raw:{i}";
        var ttl = TimeSpan.FromSeconds(5);
        var inFlight = new Task[Window];
        var started = Stopwatch.GetTimestamp();
        var n = 0;
        while (n < sets)
        {
            var count = Math.Min(Window, sets - n);
            for (var i = 0; i < count; i++, n++) inFlight[i] = db.StringSetAsync(keys[n % Keys], value, ttl);
            await Task.WhenAll(inFlight.AsSpan(0, count)).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        return sets / Stopwatch.GetElapsedTime(started).TotalSeconds;
    }
}

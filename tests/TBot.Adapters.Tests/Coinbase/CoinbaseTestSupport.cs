using System.Text;
using TBot.Adapters.Ingress;
using TBot.Engine.Events;
using TBot.Engine.Instruments;

namespace TBot.Adapters.Tests.Coinbase;

/// <summary>Registry, parse and time helpers for the Coinbase tests.</summary>
internal static class CoinbaseTestSupport
{
    public const long ReceiveTime = 1_780_000_000_000_000_000;

    /// <summary>BTC-USD and ETH-USD at price scale 2 / quantity scale 8 (the examples' precision), plus a
    /// Binance BTC-USD to prove lookups are per venue.</summary>
    public static InstrumentRegistry Registry()
    {
        var registry = new InstrumentRegistry();
        registry.Add(Venue.Binance, "BTC-USD", 1, 3);
        registry.Add(Venue.Coinbase, "BTC-USD", 2, 8);
        registry.Add(Venue.Coinbase, "ETH-USD", 2, 8);
        registry.Add(Venue.Binance, "SOL-USD", 2, 8);
        return registry;
    }

    public static int Id(InstrumentRegistry registry, string symbol) =>
        registry.TryGet(Venue.Coinbase, symbol, out var instrument) ? instrument.Id : throw new InvalidOperationException(symbol);

    public static byte[] Utf8(string json) => Encoding.UTF8.GetBytes(json);

    public static (ParseResult Result, MarketEvent[] Events) Parse(IFrameParser parser, string json)
    {
        var batch = new EventBatch(4);
        var result = parser.Parse(Utf8(json), ReceiveTime, batch);
        if (result.Kind == FrameKind.Rejected) Assert.Equal(0, batch.Count);
        return (result, batch.AsSpan().ToArray());
    }

    /// <summary>Unix nanoseconds of a UTC wall time, computed independently of the parser under test.</summary>
    public static long UnixNs(int year, int month, int day, int hour, int minute, int second, long nanos = 0) =>
        new DateTimeOffset(year, month, day, hour, minute, second, TimeSpan.Zero).ToUnixTimeSeconds() * 1_000_000_000 + nanos;

    public static void AssertRejected(ParseResult result, TBot.Engine.Validation.RejectReason reason)
    {
        Assert.Equal(FrameKind.Rejected, result.Kind);
        Assert.Equal(reason, result.Reason);
    }

    /// <summary>Bytes allocated on this thread while parsing <paramref name="frame"/> <paramref name="iterations"/> times after warm-up.</summary>
    public static long AllocatedBytes(IFrameParser parser, byte[] frame, int iterations = 100_000)
    {
        var batch = new EventBatch(64);
        for (var i = 0; i < 2_000; i++)
        {
            batch.Clear();
            parser.Parse(frame, ReceiveTime, batch);
        }
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < iterations; i++)
        {
            batch.Clear();
            parser.Parse(frame, ReceiveTime, batch);
        }
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }
}

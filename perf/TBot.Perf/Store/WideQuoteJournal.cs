using System.Diagnostics;
using TBot.Engine.Events;
using TBot.Engine.Instruments;
using TBot.Engine.Journal;

namespace TBot.Perf.Store;

/// <summary>
/// Quotes round-robin over many instruments: every record of a batch changes a different <c>price:</c> key, so the hot
/// cache cannot coalesce and sends one SET per record. Prices the Redis write path, not a realistic stream (a real
/// batch of 4096 records touches a handful of keys).
/// </summary>
public static class WideQuoteJournal
{
    /// <summary>At least the tail's batch size (4096), so no key repeats within a batch.</summary>
    public const int Instruments = 4096;

    public static WrittenJournal Write(string directory, long records)
    {
        var registry = new InstrumentRegistry();
        var ids = new int[Instruments];
        for (var i = 0; i < Instruments; i++) ids[i] = registry.Add(Venue.Binance, $"PERF{i:D4}USDT", 2, 5, 1, 1).Id;
        var started = Stopwatch.GetTimestamp();
        using var writer = JournalWriter.Open(new JournalOptions { Directory = directory, FsyncPolicy = FsyncPolicy.None, BufferBytes = 4 << 20 },
            JournalManifest.Create(registry.All), out _);
        long time = 1_767_225_600_000_000_000;
        for (long n = 0; n < records; n++)
        {
            var mid = 6_500_000 + (n & 1023);
            writer.AppendEvent(new MarketEvent
            {
                Kind = MarketEventKind.Quote, Venue = Venue.Binance, InstrumentId = ids[n % Instruments], ReceiveTimeNs = time += 1_000,
                Bid = mid - 1, BidSize = 100_000, Ask = mid + 1, AskSize = 200_000,
            });
        }
        writer.Flush();
        return new WrittenJournal(directory, writer.Manifest, writer.LastPosition, writer.BytesWritten, Stopwatch.GetElapsedTime(started).TotalSeconds);
    }
}

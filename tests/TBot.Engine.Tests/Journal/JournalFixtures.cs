using System.Text;
using TBot.Engine.Events;
using TBot.Engine.Instruments;
using TBot.Engine.Journal;
using TBot.Engine.Orders;

namespace TBot.Engine.Tests.Journal;

/// <summary>A fresh directory under the temp folder, deleted when disposed.</summary>
public sealed class TempJournalDir : IDisposable
{
    public TempJournalDir()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "tbot-journal-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string Segment(long n) => System.IO.Path.Combine(Path, JournalFormat.SegmentFileName(n));

    public string Index(long n) => System.IO.Path.Combine(Path, JournalFormat.IndexFileName(n));

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // best effort: a leaked temp directory must not fail a test
        }
    }
}

/// <summary>Deterministic records whose every field derives from an index, so a read-back can be checked exactly.</summary>
public static class JournalFixtures
{
    public const long BaseTimeNs = 1_700_000_000_000_000_000;

    public static JournalManifest Manifest()
    {
        var registry = new InstrumentRegistry();
        registry.Add(Venue.Binance, "BTCUSDT", 2, 5, 1, 1);
        registry.Add(Venue.Okx, "ETH-USDT", 2, 4, 1, 1);
        return JournalManifest.Create(registry.All, createdUtc: new DateTime(2025, 1, 2, 3, 4, 5, DateTimeKind.Utc));
    }

    public static JournalOptions Options(string directory, long segmentBytes = JournalOptions.DefaultSegmentBytes,
        FsyncPolicy fsync = FsyncPolicy.None, int indexEvery = 64, long indexIntervalNs = 0,
        SealedSegmentCheck check = SealedSegmentCheck.Headers) => new()
    {
        Directory = directory,
        SegmentBytes = segmentBytes,
        FsyncPolicy = fsync,
        IndexEveryRecords = indexEvery,
        IndexIntervalNs = indexIntervalNs,
        SealedSegmentCheck = check,
    };

    public static JournalWriter OpenWriter(JournalOptions options, out JournalRecoveryReport report) =>
        JournalWriter.Open(options, Manifest(), out report);

    public static MarketEvent Event(long i)
    {
        var e = default(MarketEvent);
        e.Kind = (MarketEventKind)(1 + i % 8);
        e.Venue = (Venue)(1 + i % 3);
        e.Side = (Side)(i % 3);
        e.PriceDecimals = (byte)(i % 9);
        e.QuantityDecimals = (byte)(i % 7);
        e.Flags = (EventFlags)(i & 0x1FF);
        e.ConnectionId = (ushort)(i % 5);
        e.InstrumentId = (int)(1 + i % 2);
        e.Checksum = unchecked((int)(i * 2654435761));
        e.ExchangeTimeNs = BaseTimeNs + i * 1000 - 17;
        e.ReceiveTimeNs = TimeOf(i);
        e.FirstUpdateId = i * 10;
        e.UpdateId = i * 10 + 9;
        e.TradeId = i + 5;
        e.Bid = 5_000_000 + i;
        e.BidSize = 100 + i;
        e.Ask = 5_000_100 + i;
        e.AskSize = 200 + i;
        e.Price = 5_000_050 + i;
        e.Quantity = i % 1000;
        e.Volume = i * 3;
        e.Open = i * 4;
        e.High = i * 5;
        e.Low = i * 6;
        return e;
    }

    /// <summary>Receive time of event <paramref name="i"/>: 1 µs apart.</summary>
    public static long TimeOf(long i) => BaseTimeNs + i * 1000;

    public static DecisionRecord Decision(long i, long sequence = 0) => new()
    {
        Kind = (DecisionKind)(1 + i % 9),
        Side = (Side)(1 + i % 2),
        FromStatus = OrderStatus.Submitted,
        ToStatus = OrderStatus.Accepted,
        OrderType = OrderType.Limit,
        Reason = (byte)(i % 11),
        Venue = Venue.Binance,
        BotId = (int)(i % 4),
        InstrumentId = 1,
        Sequence = sequence,
        TimeNs = TimeOf(i),
        ClientOrderId = ClientOrderIds.Make(1, i),
        VenueOrderId = i * 7,
        Price = 5_000_000 + i,
        Quantity = 10 + i,
        Value1 = -i,
        Value2 = i * i,
        Value3 = 42,
        TradeId = i + 1,
    };

    public static byte[] Note(long i) => Encoding.UTF8.GetBytes($"{{\"note\":{i},\"pad\":\"{new string('x', (int)(i % 13))}\"}}");

    /// <summary>Append a mix: record k (0-based) is an event, a decision every 3rd, a note every 50th.</summary>
    public static void AppendMix(JournalWriter writer, long from, long count)
    {
        for (var k = from; k < from + count; k++)
        {
            if (k % 50 == 49) writer.AppendNote(Note(k), TimeOf(k));
            else if (k % 3 == 2) writer.AppendDecision(Decision(k));
            else writer.AppendEvent(Event(k));
        }
    }

    /// <summary>Assert that record k of a mix written by <see cref="AppendMix"/> reads back exactly (position k + 1).</summary>
    public static void AssertMix(in JournalRecord r, long k)
    {
        Assert.Equal(k + 1, r.Position);
        Assert.Equal(TimeOf(k), r.TimeNs);
        if (k % 50 == 49)
        {
            Assert.Equal(JournalRecordType.Note, r.Type);
            Assert.Equal(Note(k), r.NoteUtf8.ToArray());
        }
        else if (k % 3 == 2)
        {
            Assert.Equal(JournalRecordType.Decision, r.Type);
            Assert.Equal(Decision(k), r.Decision);
        }
        else
        {
            Assert.Equal(JournalRecordType.Event, r.Type);
            Assert.Equal(Event(k), r.Event);
        }
    }

    /// <summary>Read every record, checking it against the mix; returns how many were read.</summary>
    public static long ReadAllMix(string directory, out JournalDamage tail)
    {
        using var reader = JournalReader.Open(directory);
        long k = 0;
        while (reader.TryRead(out var r))
        {
            AssertMix(r, k);
            k++;
        }
        tail = reader.TailDamage;
        return k;
    }
}

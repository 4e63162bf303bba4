using System.Runtime.CompilerServices;
using System.Text.Json;
using TBot.Engine.Events;
using TBot.Engine.Journal;
using static TBot.Engine.Tests.Journal.JournalFixtures;

namespace TBot.Engine.Tests.Journal;

public class JournalRoundTripTests
{
    [Fact]
    public void Events_decisions_and_notes_read_back_exactly_across_segment_rolls()
    {
        using var dir = new TempJournalDir();
        const int count = 5000;
        using (var writer = OpenWriter(Options(dir.Path, segmentBytes: 64 * 1024), out var report))
        {
            Assert.True(report.Created);
            AppendMix(writer, 0, count);
            writer.Flush();
            Assert.Equal(count, writer.LastPosition);
            Assert.Equal(count, writer.WrittenPosition);
            Assert.Equal(count, writer.Records);
            Assert.True(writer.Segment >= 5, $"only {writer.Segment} segments");
        }

        Assert.Equal(count, ReadAllMix(dir.Path, out var tail));
        Assert.Equal(JournalDamage.None, tail);

        // Every segment respects the size limit and starts where the previous one ended.
        using var reader = JournalReader.Open(dir.Path);
        Assert.True(reader.Segments.Count >= 5);
        for (var i = 0; i < reader.Segments.Count; i++)
        {
            Assert.Equal(i + 1, reader.Segments[i].Number);
            Assert.True(reader.Segments[i].Length <= 64 * 1024);
        }
        Assert.Equal(1, reader.Segments[0].FirstPosition);
    }

    [Fact]
    public void Positions_continue_after_reopen()
    {
        using var dir = new TempJournalDir();
        string id;
        using (var writer = OpenWriter(Options(dir.Path, segmentBytes: 16 * 1024), out _))
        {
            AppendMix(writer, 0, 700);
            id = writer.Manifest.JournalId;
        }
        using (var writer = OpenWriter(Options(dir.Path, segmentBytes: 16 * 1024), out var report))
        {
            Assert.False(report.Created);
            Assert.Equal(id, report.JournalId);
            Assert.Equal(id, writer.Manifest.JournalId);
            Assert.Equal(700, report.LastGoodPosition);
            Assert.Equal(JournalDamage.None, report.TailDamage);
            Assert.Equal(0, report.BytesDropped);
            Assert.False(report.HasErrors);
            Assert.Equal(700, writer.LastPosition);
            AppendMix(writer, 700, 800);
            Assert.Equal(1500, writer.LastPosition);
        }
        Assert.Equal(1500, ReadAllMix(dir.Path, out var tail));
        Assert.Equal(JournalDamage.None, tail);
    }

    [Fact]
    public void Reopening_an_empty_journal_starts_at_position_one()
    {
        using var dir = new TempJournalDir();
        using (OpenWriter(Options(dir.Path), out _)) { }
        using (var writer = OpenWriter(Options(dir.Path), out var report))
        {
            Assert.Equal(0, report.LastGoodPosition);
            writer.AppendEvent(Event(0));
            Assert.Equal(1, writer.LastPosition);
        }
        Assert.Equal(1, ReadAllMix(dir.Path, out _));
    }

    [Fact]
    public void A_second_writer_on_the_same_directory_is_refused()
    {
        using var dir = new TempJournalDir();
        using var first = OpenWriter(Options(dir.Path), out _);
        Assert.Throws<IOException>(() => OpenWriter(Options(dir.Path), out _));
    }

    [Fact]
    public void Struct_padding_is_zeroed_so_equal_events_give_equal_bytes()
    {
        Assert.Equal(JournalFormat.EventPayloadBytes, Unsafe.SizeOf<MarketEvent>());
        Assert.Equal(JournalFormat.DecisionPayloadBytes, Unsafe.SizeOf<DecisionRecord>());
        using var dir = new TempJournalDir();
        var e = Event(7);
        // Same fields, garbage in the padding.
        var dirty = e;
        var bytes = System.Runtime.InteropServices.MemoryMarshal.AsBytes(new Span<MarketEvent>(ref dirty));
        bytes[5] = 0xCC;  // the padding byte after QuantityDecimals
        bytes[22] = 0xDD; // padding after Checksum
        Assert.Equal(7, StructPadding<MarketEvent>.PaddingBytes);
        Assert.Equal(0, StructPadding<DecisionRecord>.PaddingBytes);
        using (var writer = OpenWriter(Options(dir.Path), out _))
        {
            writer.AppendEvent(e);
            writer.AppendEvent(dirty);
        }
        using var reader = JournalReader.Open(dir.Path);
        Assert.True(reader.TryRead(out var a));
        var first = a.Payload.ToArray();
        Assert.True(reader.TryRead(out var b));
        Assert.Equal(first, b.Payload.ToArray());
        Assert.Equal(0, first[5]);
        Assert.Equal(0, first[22]);
        Assert.Equal(e, b.Event);
    }

    [Fact]
    public void Journal_bytes_are_deterministic()
    {
        using var a = new TempJournalDir();
        using var b = new TempJournalDir();
        foreach (var dir in new[] { a, b })
        {
            var options = Options(dir.Path, segmentBytes: 32 * 1024);
            using var writer = JournalWriter.Open(options, new JournalManifest { JournalId = "abcd1234", Instruments = [] }, out _);
            AppendMix(writer, 0, 1000);
        }
        foreach (var name in Directory.GetFiles(a.Path, "seg-*"))
        {
            var other = Path.Combine(b.Path, Path.GetFileName(name));
            Assert.Equal(File.ReadAllBytes(name), File.ReadAllBytes(other));
        }
    }

    [Fact]
    public void Manifest_round_trips_instruments_and_config()
    {
        using var dir = new TempJournalDir();
        using var config = JsonDocument.Parse("""{"mode":"paper","bots":[{"id":1,"strategy":"mm"}]}""");
        var registry = new TBot.Engine.Instruments.InstrumentRegistry();
        registry.Add(TBot.Engine.Instruments.Venue.Binance, "BTCUSDT", 2, 5, 1, 1);
        registry.Add(TBot.Engine.Instruments.Venue.Coinbase, "BTC-USD", 2, 8, 1, 1);
        var manifest = JournalManifest.Create(registry.All, config.RootElement);
        Assert.True(JournalManifest.IsValidJournalId(manifest.JournalId));
        using (JournalWriter.Open(Options(dir.Path), manifest, out _)) { }

        var loaded = JournalManifest.Load(dir.Path);
        Assert.Equal(manifest.JournalId, loaded.JournalId);
        Assert.Equal(JournalFormat.SchemaVersion, loaded.SchemaVersion);
        Assert.Equal(manifest.CreatedUtc, loaded.CreatedUtc);
        Assert.Equal(2, loaded.Instruments.Count);
        Assert.Equal("coinbase", loaded.Instruments[1].Venue);
        Assert.Equal(8, loaded.Instruments[1].QuantityScale);
        Assert.Equal("paper", loaded.Config!.Value.GetProperty("mode").GetString());
        var rebuilt = loaded.BuildRegistry();
        Assert.Equal(2, rebuilt.Count);
        Assert.Equal("BTC-USD", rebuilt[2].Symbol);
    }

    [Fact]
    public void Journal_ids_are_eight_lowercase_alphanumerics()
    {
        var seen = new HashSet<string>();
        for (var i = 0; i < 200; i++)
        {
            var id = JournalManifest.NewJournalId();
            Assert.True(JournalManifest.IsValidJournalId(id), id);
            seen.Add(id);
        }
        Assert.True(seen.Count > 190);
        Assert.False(JournalManifest.IsValidJournalId("ABCD1234"));
        Assert.False(JournalManifest.IsValidJournalId("abc"));
    }

    [Fact]
    public void A_manifest_with_a_bad_id_is_refused()
    {
        using var dir = new TempJournalDir();
        Assert.Throws<InvalidDataException>(() =>
            JournalWriter.Open(Options(dir.Path), new JournalManifest { JournalId = "Nope!" }, out _));
    }

    [Fact]
    public void Oversized_notes_are_refused()
    {
        using var dir = new TempJournalDir();
        using var writer = OpenWriter(Options(dir.Path), out _);
        Assert.Throws<ArgumentOutOfRangeException>(() => writer.AppendNote(new byte[JournalFormat.MaxPayloadBytes + 1], 0));
        writer.AppendNote(new byte[JournalFormat.MaxPayloadBytes], 0); // the maximum fits
        Assert.Equal(1, writer.LastPosition);
    }

    [Fact]
    public void Flush_hands_bytes_to_the_OS_and_fsync_is_counted()
    {
        using var dir = new TempJournalDir();
        using var writer = OpenWriter(Options(dir.Path, fsync: FsyncPolicy.EveryFlush), out _);
        writer.AppendEvent(Event(0));
        Assert.Equal(0, writer.WrittenPosition);
        Assert.True(writer.BufferedBytes > 0);
        var fsyncs = writer.Fsyncs;
        Assert.True(writer.FlushPerPolicy());
        Assert.Equal(1, writer.WrittenPosition);
        Assert.Equal(0, writer.BufferedBytes);
        Assert.Equal(fsyncs + 1, writer.Fsyncs);
        Assert.True(writer.MaxFsyncNs >= writer.LastFsyncNs);
        // Nothing new: no further fsync.
        writer.FlushPerPolicy();
        Assert.Equal(fsyncs + 1, writer.Fsyncs);
        Assert.Equal(JournalFormat.SegmentHeaderBytes + JournalFormat.RecordHeaderBytes + JournalFormat.EventPayloadBytes,
            new FileInfo(Path.Combine(dir.Path, JournalFormat.SegmentFileName(1))).Length);
    }

    [Fact]
    public void Interval_fsync_runs_in_the_background_while_appending_continues()
    {
        using var dir = new TempJournalDir();
        var options = new JournalOptions
        {
            Directory = dir.Path, SegmentBytes = 64 * 1024, FsyncPolicy = FsyncPolicy.IntervalMs, FsyncIntervalMs = 1,
        };
        long count = 0;
        var writer = OpenWriter(options, out _);
        try
        {
            var fsyncs = writer.Fsyncs;
            var deadline = DateTime.UtcNow.AddSeconds(20);
            // Keep appending (and rolling segments) while the fsync thread works on its own.
            while ((writer.Fsyncs < fsyncs + 3 || writer.Segment < 3) && DateTime.UtcNow < deadline)
            {
                AppendMix(writer, count, 100);
                count += 100;
                writer.FlushPerPolicy();
            }
            Assert.True(writer.Fsyncs >= fsyncs + 3, $"only {writer.Fsyncs - fsyncs} fsyncs");
            Assert.True(writer.DurablePosition > 0);
            Assert.True(writer.DurablePosition <= writer.WrittenPosition);
            Assert.True(writer.MaxFsyncNs >= writer.LastFsyncNs);
        }
        finally
        {
            writer.Dispose();
        }
        Assert.Equal(count, writer.DurablePosition); // the final fsync covers everything
        Assert.Equal(count, ReadAllMix(dir.Path, out var tail));
        Assert.Equal(JournalDamage.None, tail);
    }

    [Fact]
    public void Interval_flush_policy_waits_unless_urgent()
    {
        using var dir = new TempJournalDir();
        var options = new JournalOptions
        {
            Directory = dir.Path, FlushPolicy = FlushPolicy.IntervalMs, FlushIntervalMs = 60_000, FsyncPolicy = FsyncPolicy.None,
        };
        using var writer = JournalWriter.Open(options, Manifest(), out _);
        writer.Flush(); // starts the interval now
        writer.AppendEvent(Event(0));
        Assert.False(writer.FlushPerPolicy());
        Assert.Equal(0, writer.WrittenPosition);
        Assert.True(writer.FlushPerPolicy(urgent: true));
        Assert.Equal(1, writer.WrittenPosition);
    }

    [Fact]
    public void Crc32C_is_the_standard_castagnoli_crc()
    {
        Assert.Equal(0xE3069283u, Crc32C.Compute("123456789"u8));
        Assert.Equal(0u, Crc32C.Compute([]));
        // Every length and alignment agrees with a bitwise reference.
        var data = new byte[100];
        new Random(1).NextBytes(data);
        for (var start = 0; start < 8; start++)
        for (var len = 0; len + start <= data.Length; len++)
            Assert.Equal(Reference(data.AsSpan(start, len)), Crc32C.Compute(data.AsSpan(start, len)));
    }

    private static uint Reference(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++) crc = (crc & 1) != 0 ? (crc >> 1) ^ 0x82F63B78u : crc >> 1;
        }
        return ~crc;
    }
}

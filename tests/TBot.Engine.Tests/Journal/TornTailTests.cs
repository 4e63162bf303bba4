using System.Buffers.Binary;
using TBot.Engine.Journal;
using static TBot.Engine.Tests.Journal.JournalFixtures;

namespace TBot.Engine.Tests.Journal;

/// <summary>
/// Each class of torn or corrupt tail: the writer's open detects it, cuts the last segment back to the last good
/// record, reports it, and continues the positions from there; every earlier record still reads back intact.
/// </summary>
public class TornTailTests
{
    private const int Records = 100;
    private const int RecordBytes = JournalFormat.RecordHeaderBytes + JournalFormat.EventPayloadBytes;

    private static long OffsetOf(int k) => JournalFormat.SegmentHeaderBytes + (long)k * RecordBytes;

    [Fact]
    public void Truncated_inside_a_record_header()
    {
        var report = Recover(path => Truncate(path, OffsetOf(Records - 1) + 10), out var kept);
        Assert.Equal(JournalDamage.TruncatedHeader, report.TailDamage);
        Assert.Equal(Records - 1, report.LastGoodPosition);
        Assert.Equal(OffsetOf(Records - 1), report.TruncatedAtOffset);
        Assert.Equal(10, report.BytesDropped);
        Assert.Equal(Records - 1, kept);
    }

    [Fact]
    public void Truncated_inside_a_payload()
    {
        var report = Recover(path => Truncate(path, OffsetOf(Records - 1) + 100), out var kept);
        Assert.Equal(JournalDamage.TruncatedPayload, report.TailDamage);
        Assert.Equal(Records - 1, report.LastGoodPosition);
        Assert.Equal(100, report.BytesDropped);
        Assert.Equal(Records - 1, kept);
    }

    [Fact]
    public void A_flipped_byte_fails_the_checksum()
    {
        var report = Recover(path => FlipByte(path, OffsetOf(80) + JournalFormat.RecordHeaderBytes + 40), out var kept);
        Assert.Equal(JournalDamage.ChecksumMismatch, report.TailDamage);
        Assert.Equal(80, report.LastGoodPosition);
        Assert.Equal(OffsetOf(80), report.TruncatedAtOffset);
        Assert.Equal(20L * RecordBytes, report.BytesDropped);
        Assert.Equal(80, kept);
    }

    [Fact]
    public void A_flipped_byte_in_a_record_header_fails_the_checksum()
    {
        // The time field is covered by the CRC too.
        var report = Recover(path => FlipByte(path, OffsetOf(95) + 25), out var kept);
        Assert.Equal(JournalDamage.ChecksumMismatch, report.TailDamage);
        Assert.Equal(95, kept);
    }

    [Fact]
    public void A_zero_filled_tail_is_recognised()
    {
        var report = Recover(path =>
        {
            using var f = new FileStream(path, FileMode.Append);
            f.Write(new byte[4096]);
        }, out var kept);
        Assert.Equal(JournalDamage.ZeroFilled, report.TailDamage);
        Assert.Equal(Records, report.LastGoodPosition);
        Assert.Equal(4096, report.BytesDropped);
        Assert.Equal(Records, kept);
    }

    [Fact]
    public void Records_overwritten_with_zeros_are_a_zero_filled_tail()
    {
        var report = Recover(path =>
        {
            using var f = new FileStream(path, FileMode.Open);
            f.Position = OffsetOf(97);
            f.Write(new byte[3 * RecordBytes]);
        }, out var kept);
        Assert.Equal(JournalDamage.ZeroFilled, report.TailDamage);
        Assert.Equal(97, kept);
    }

    [Fact]
    public void An_absurd_length_field_is_recognised()
    {
        var report = Recover(path => WriteUInt32(path, OffsetOf(90), 0x7FFF_FFF0), out var kept);
        Assert.Equal(JournalDamage.BadLength, report.TailDamage);
        Assert.Equal(90, report.LastGoodPosition);
        Assert.Equal(90, kept);
    }

    [Fact]
    public void A_length_past_the_end_of_the_file_is_a_truncated_payload()
    {
        var report = Recover(path => WriteUInt32(path, OffsetOf(Records - 1), 4000), out var kept);
        Assert.Equal(JournalDamage.TruncatedPayload, report.TailDamage);
        Assert.Equal(Records - 1, kept);
    }

    [Fact]
    public void A_length_wrong_for_the_record_type_is_recognised()
    {
        // Inside the file and under the maximum, but an event is always 144 bytes. Rewrite the CRC so only the length is wrong.
        var report = Recover(path =>
        {
            var bytes = File.ReadAllBytes(path);
            var at = (int)OffsetOf(50);
            BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(at), 136);
            var crc = Crc32C.Compute(bytes.AsSpan(at + 8, RecordBytes - 8 - 8));
            BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(at + 4), crc);
            File.WriteAllBytes(path, bytes);
        }, out var kept);
        Assert.Equal(JournalDamage.BadLength, report.TailDamage);
        Assert.Equal(50, kept);
    }

    [Fact]
    public void The_reader_stops_at_a_torn_tail_without_touching_the_file()
    {
        using var dir = new TempJournalDir();
        WriteEvents(dir.Path);
        var path = dir.Segment(1);
        Truncate(path, OffsetOf(60) + 50);
        var length = new FileInfo(path).Length;

        using (var reader = JournalReader.Open(dir.Path))
        {
            long n = 0;
            while (reader.TryRead(out var r))
            {
                Assert.Equal(n + 1, r.Position);
                Assert.Equal(Event(n), r.Event);
                n++;
            }
            Assert.Equal(60, n);
            Assert.Equal(JournalDamage.TruncatedPayload, reader.TailDamage);
            Assert.Equal(1, reader.TailSegment);
            Assert.Equal(OffsetOf(60), reader.TailOffset);
            Assert.Equal(50, reader.TailBytes);
            Assert.False(reader.TryRead(out _));
        }
        Assert.Equal(length, new FileInfo(path).Length);
        var summary = JournalInspector.Inspect(dir.Path);
        Assert.Equal(JournalStatus.TornTail, summary.Status);
        Assert.Equal(60, summary.Events);
    }

    [Fact]
    public void A_torn_header_of_a_new_segment_restarts_it_after_the_previous_segment()
    {
        using var dir = new TempJournalDir();
        long lastBefore;
        using (var writer = OpenWriter(Options(dir.Path, segmentBytes: 8 * 1024), out _))
        {
            AppendMix(writer, 0, 200);
            writer.Flush();
            lastBefore = writer.Segment;
        }
        // Simulate a crash right after the next segment file was created: a partial header.
        var next = lastBefore + 1;
        var sealedLast = LastPositionIn(dir.Path);
        File.WriteAllBytes(dir.Segment(next), new byte[] { (byte)'T', (byte)'B', (byte)'O' });

        var before = JournalInspector.Inspect(dir.Path);
        Assert.Equal(JournalStatus.TornTail, before.Status);
        Assert.Equal(JournalDamage.TruncatedHeader, before.TailDamage);
        Assert.Equal(200, before.Records);

        using (var writer = OpenWriter(Options(dir.Path, segmentBytes: 8 * 1024), out var report))
        {
            Assert.Equal(JournalDamage.TruncatedHeader, report.TailDamage);
            Assert.Equal(next, report.TailSegment);
            Assert.Equal(3, report.BytesDropped);
            Assert.Equal(sealedLast, report.LastGoodPosition);
            Assert.Equal(200, writer.LastPosition);
            AppendMix(writer, 200, 100);
        }
        Assert.Equal(300, ReadAllMix(dir.Path, out var tail));
        Assert.Equal(JournalDamage.None, tail);
    }

    /// <summary>Write the reference journal, damage its only segment, reopen it for appending; then check that
    /// the cut is at the last good record, earlier records read back, and appending continues the positions.</summary>
    private static JournalRecoveryReport Recover(Action<string> damage, out long kept)
    {
        using var dir = new TempJournalDir();
        WriteEvents(dir.Path);
        var path = dir.Segment(1);
        damage(path);
        JournalRecoveryReport report;
        using (var writer = OpenWriter(Options(dir.Path), out report))
        {
            Assert.True(report.TailRepaired);
            Assert.False(report.HasErrors);
            Assert.Equal(report.TruncatedAtOffset, new FileInfo(path).Length);
            Assert.Equal(report.LastGoodPosition, writer.LastPosition);
            Assert.Equal(OffsetOf((int)report.LastGoodPosition), report.TruncatedAtOffset);
            writer.AppendEvent(Event(report.LastGoodPosition));
            writer.AppendEvent(Event(report.LastGoodPosition + 1));
        }
        using var reader = JournalReader.Open(dir.Path);
        long n = 0;
        while (reader.TryRead(out var r))
        {
            Assert.Equal(n + 1, r.Position);
            Assert.Equal(Event(n), r.Event);
            n++;
        }
        Assert.Equal(JournalDamage.None, reader.TailDamage);
        Assert.Equal(report.LastGoodPosition + 2, n);
        kept = report.LastGoodPosition;

        // A second open finds nothing more to repair.
        using (OpenWriter(Options(dir.Path), out var again)) Assert.False(again.TailRepaired);
        return report;
    }

    private static void WriteEvents(string directory)
    {
        using var writer = OpenWriter(Options(directory), out _);
        for (var i = 0; i < Records; i++) writer.AppendEvent(Event(i));
    }

    private static long LastPositionIn(string directory)
    {
        using var reader = JournalReader.Open(directory);
        long last = 0;
        while (reader.TryRead(out var r)) last = r.Position;
        return last;
    }

    internal static void Truncate(string path, long length)
    {
        using var f = new FileStream(path, FileMode.Open);
        f.SetLength(length);
    }

    internal static void FlipByte(string path, long offset)
    {
        using var f = new FileStream(path, FileMode.Open);
        f.Position = offset;
        var b = f.ReadByte();
        f.Position = offset;
        f.WriteByte((byte)(b ^ 0x10));
    }

    private static void WriteUInt32(string path, long offset, uint value)
    {
        using var f = new FileStream(path, FileMode.Open);
        f.Position = offset;
        Span<byte> b = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(b, value);
        f.Write(b);
    }
}

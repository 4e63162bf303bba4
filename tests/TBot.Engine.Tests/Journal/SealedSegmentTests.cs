using TBot.Engine.Journal;
using static TBot.Engine.Tests.Journal.JournalFixtures;

namespace TBot.Engine.Tests.Journal;

/// <summary>Damage in a sealed segment is an error: reported by the writer, thrown by the reader, never truncated.</summary>
public class SealedSegmentTests
{
    private const long SegmentBytes = 8 * 1024;

    [Fact]
    public void Corruption_inside_a_sealed_segment_is_reported_and_left_alone()
    {
        using var dir = new TempJournalDir();
        WriteJournal(dir.Path, 600);
        var segment2 = dir.Segment(2);
        TornTailTests.FlipByte(segment2, 3000);
        var damaged = File.ReadAllBytes(segment2);

        using (var writer = OpenWriter(Options(dir.Path, SegmentBytes, check: SealedSegmentCheck.Full), out var report))
        {
            Assert.True(report.HasErrors);
            Assert.Contains(report.Errors, e => e.Contains("segment 2", StringComparison.Ordinal) && e.Contains(nameof(JournalDamage.ChecksumMismatch), StringComparison.Ordinal));
            Assert.False(report.TailRepaired);
            Assert.Equal(600, writer.LastPosition); // the tail is fine: appending continues
            AppendMix(writer, 600, 10);
        }
        Assert.Equal(damaged, File.ReadAllBytes(segment2));

        using (var reader = JournalReader.Open(dir.Path))
        {
            var ex = Assert.Throws<JournalCorruptException>(() =>
            {
                while (reader.TryRead(out _)) { }
            });
            Assert.Equal(2, ex.Segment);
            Assert.Equal(JournalDamage.ChecksumMismatch, ex.Damage);
        }

        var summary = JournalInspector.Inspect(dir.Path);
        Assert.Equal(JournalStatus.Corrupt, summary.Status);
        Assert.NotNull(summary.Error);
        Assert.Equal(damaged, File.ReadAllBytes(segment2));
    }

    [Fact]
    public void The_default_check_reports_a_damaged_sealed_header()
    {
        using var dir = new TempJournalDir();
        WriteJournal(dir.Path, 600);
        TornTailTests.FlipByte(dir.Segment(1), 30); // segment number field
        using var writer = OpenWriter(Options(dir.Path, SegmentBytes), out var report);
        Assert.Contains(report.Errors, e => e.Contains("segment 1", StringComparison.Ordinal));
        Assert.Throws<JournalCorruptException>(() => JournalReader.Open(dir.Path).Dispose());
    }

    [Fact]
    public void A_missing_segment_is_reported()
    {
        using var dir = new TempJournalDir();
        WriteJournal(dir.Path, 600);
        File.Delete(dir.Segment(2));
        using (var writer = OpenWriter(Options(dir.Path, SegmentBytes), out var report))
        {
            Assert.Contains(report.Errors, e => e.Contains("missing", StringComparison.Ordinal));
        }
        Assert.Throws<JournalCorruptException>(() => JournalReader.Open(dir.Path).Dispose());
        Assert.Equal(JournalStatus.Corrupt, JournalInspector.Inspect(dir.Path).Status);
    }

    [Fact]
    public void A_truncated_sealed_segment_is_not_a_torn_tail()
    {
        using var dir = new TempJournalDir();
        WriteJournal(dir.Path, 600);
        TornTailTests.Truncate(dir.Segment(1), new FileInfo(dir.Segment(1)).Length - 20);
        using (var writer = OpenWriter(Options(dir.Path, SegmentBytes, check: SealedSegmentCheck.Full), out var report))
        {
            Assert.True(report.HasErrors);
            Assert.False(report.TailRepaired);
        }
        using var reader = JournalReader.Open(dir.Path);
        var ex = Assert.Throws<JournalCorruptException>(() =>
        {
            while (reader.TryRead(out _)) { }
        });
        Assert.Equal(1, ex.Segment);
    }

    [Fact]
    public void A_segment_of_another_journal_is_refused()
    {
        using var dir = new TempJournalDir();
        using var other = new TempJournalDir();
        WriteJournal(dir.Path, 600);
        WriteJournal(other.Path, 600);
        // A sealed one is reported...
        File.Copy(other.Segment(1), dir.Segment(1), overwrite: true);
        using (OpenWriter(Options(dir.Path, SegmentBytes), out var report))
            Assert.Contains(report.Errors, e => e.Contains("segment 1: header ForeignSegment", StringComparison.Ordinal));
        // ...the last one, which the writer would append to, is refused.
        var last = JournalWriter.ListSegments(dir.Path)[^1];
        File.Copy(other.Segment(last), dir.Segment(last), overwrite: true);
        var ex = Assert.Throws<JournalCorruptException>(() => OpenWriter(Options(dir.Path, SegmentBytes), out _));
        Assert.Equal(JournalDamage.ForeignSegment, ex.Damage);
    }

    private static void WriteJournal(string directory, int count)
    {
        using var writer = OpenWriter(Options(directory, SegmentBytes), out _);
        AppendMix(writer, 0, count);
        Assert.True(writer.Segment >= 3);
    }
}

using TBot.Engine.Journal;
using static TBot.Engine.Tests.Journal.JournalFixtures;

namespace TBot.Engine.Tests.Journal;

public class JournalInspectorTests
{
    [Fact]
    public void Summarises_a_clean_journal()
    {
        using var dir = new TempJournalDir();
        string id;
        using (var writer = OpenWriter(Options(dir.Path, segmentBytes: 16 * 1024), out _))
        {
            AppendMix(writer, 0, 1000);
            id = writer.Manifest.JournalId;
        }
        var s = JournalInspector.Inspect(dir.Path);
        Assert.Equal(JournalStatus.Clean, s.Status);
        Assert.Equal(id, s.JournalId);
        Assert.Equal(JournalFormat.SchemaVersion, s.SchemaVersion);
        Assert.Equal(2, s.Instruments);
        // The mix: a note every 50th record, else a decision every 3rd.
        Assert.Equal(20, s.Notes);
        long decisions = 0;
        for (var k = 0; k < 1000; k++) if (k % 50 != 49 && k % 3 == 2) decisions++;
        Assert.Equal(decisions, s.Decisions);
        Assert.Equal(1000 - 20 - decisions, s.Events);
        Assert.Equal(1000, s.Records);
        Assert.Equal(1, s.FirstPosition);
        Assert.Equal(1000, s.LastPosition);
        Assert.Equal(TimeOf(0), s.FirstTimeNs);
        Assert.Equal(TimeOf(999), s.LastTimeNs);
        Assert.True(s.Segments.Count > 5);
        Assert.Equal(1000, s.Segments.Sum(x => x.Records));
        Assert.Equal(s.Bytes, s.Segments.Sum(x => x.Bytes));
        for (var i = 1; i < s.Segments.Count; i++) Assert.Equal(s.Segments[i - 1].LastPosition + 1, s.Segments[i].FirstPosition);
        Assert.Contains("1000 (", s.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Reports_an_unreadable_directory_instead_of_throwing()
    {
        using var dir = new TempJournalDir();
        var s = JournalInspector.Inspect(dir.Path); // no manifest
        Assert.Equal(JournalStatus.Corrupt, s.Status);
        Assert.NotNull(s.Error);
    }

    [Fact]
    public void Reading_a_record_as_the_wrong_type_throws()
    {
        using var dir = new TempJournalDir();
        using (var writer = OpenWriter(Options(dir.Path), out _)) writer.AppendNote("{}"u8, 5);
        using var reader = JournalReader.Open(dir.Path);
        Assert.True(reader.TryRead(out var r));
        Assert.Equal(JournalRecordType.Note, r.Type);
        Assert.Equal("{}"u8.ToArray(), r.NoteUtf8.ToArray());
        var threw = false;
        try
        {
            _ = r.Event.Kind;
        }
        catch (InvalidOperationException)
        {
            threw = true;
        }
        Assert.True(threw);
    }
}

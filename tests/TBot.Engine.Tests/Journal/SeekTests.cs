using TBot.Engine.Journal;
using static TBot.Engine.Tests.Journal.JournalFixtures;

namespace TBot.Engine.Tests.Journal;

public class SeekTests
{
    [Fact]
    public void SeekTime_lands_on_the_first_record_at_or_after_the_time()
    {
        using var dir = new TempJournalDir();
        const int count = 20_000;
        using (var writer = OpenWriter(Options(dir.Path, segmentBytes: 256 * 1024, indexEvery: 100), out _))
            AppendMix(writer, 0, count);

        using var reader = JournalReader.Open(dir.Path);
        Assert.True(reader.Segments.Count > 5);
        foreach (var k in new long[] { 0, 1, 99, 100, 101, 5_555, 12_345, count - 1 })
        {
            // Exactly at a record's time, and just after the previous record's time.
            Assert.True(reader.SeekTime(TimeOf(k)));
            Assert.True(reader.TryRead(out var r));
            AssertMix(r, k);
            Assert.True(reader.SeekTime(TimeOf(k) - 999));
            Assert.True(reader.TryRead(out r));
            AssertMix(r, k);
            // Reading continues from there.
            if (k + 1 < count)
            {
                Assert.True(reader.TryRead(out r));
                AssertMix(r, k + 1);
            }
        }
        Assert.True(reader.SeekTime(long.MinValue));
        Assert.True(reader.TryRead(out var first));
        Assert.Equal(1, first.Position);
        Assert.False(reader.SeekTime(TimeOf(count)));
        Assert.False(reader.TryRead(out _));
    }

    [Fact]
    public void SeekTime_is_exact_when_time_steps_back()
    {
        using var dir = new TempJournalDir();
        // Times: 0, 10, 20, ... with every 7th record 25 ns earlier than its predecessor (two producers' clocks).
        var times = new long[3000];
        for (var i = 0; i < times.Length; i++) times[i] = i % 7 == 6 ? i * 10 - 25 : i * 10;
        using (var writer = OpenWriter(Options(dir.Path, segmentBytes: 32 * 1024, indexEvery: 16), out _))
        {
            for (var i = 0; i < times.Length; i++)
            {
                var e = Event(i);
                e.ReceiveTimeNs = times[i];
                writer.AppendEvent(e);
            }
        }
        using var reader = JournalReader.Open(dir.Path);
        for (long t = -5; t < times.Length * 10 + 5; t += 7)
        {
            var expected = Array.FindIndex(times, x => x >= t);
            var found = reader.SeekTime(t);
            Assert.Equal(expected >= 0, found);
            if (!found) continue;
            Assert.True(reader.TryRead(out var r));
            Assert.Equal(expected + 1, r.Position);
        }
    }

    [Fact]
    public void SeekTime_and_SeekPosition_work_without_index_files()
    {
        using var dir = new TempJournalDir();
        using (var writer = OpenWriter(Options(dir.Path, segmentBytes: 32 * 1024, indexEvery: 50), out _))
            AppendMix(writer, 0, 3000);
        foreach (var idx in Directory.GetFiles(dir.Path, "*.idx")) File.WriteAllBytes(idx, new byte[] { 1, 2, 3 });
        using var reader = JournalReader.Open(dir.Path);
        Assert.True(reader.SeekTime(TimeOf(2500)));
        Assert.True(reader.TryRead(out var r));
        AssertMix(r, 2500);
        Assert.True(reader.SeekPosition(1234));
        Assert.True(reader.TryRead(out r));
        AssertMix(r, 1233);
    }

    [Fact]
    public void SeekPosition_positions_on_the_record()
    {
        using var dir = new TempJournalDir();
        const int count = 10_000;
        using (var writer = OpenWriter(Options(dir.Path, segmentBytes: 128 * 1024, indexEvery: 128), out _))
            AppendMix(writer, 0, count);
        using var reader = JournalReader.Open(dir.Path);
        foreach (var p in new long[] { 1, 2, 128, 129, 4321, count })
        {
            Assert.True(reader.SeekPosition(p));
            Assert.True(reader.TryRead(out var r));
            AssertMix(r, p - 1);
        }
        Assert.False(reader.SeekPosition(count + 1));
        Assert.False(reader.TryRead(out _));
        Assert.False(reader.SeekPosition(0)); // no record 0: on the first record instead
        Assert.True(reader.TryRead(out var first));
        Assert.Equal(1, first.Position);
    }

    [Fact]
    public void Index_files_have_the_expected_entries()
    {
        using var dir = new TempJournalDir();
        using (var writer = OpenWriter(Options(dir.Path, indexEvery: 100, indexIntervalNs: 50_000), out _))
        {
            // 1 µs apart: the 50 µs interval triggers before 100 records.
            for (var i = 0; i < 1000; i++) writer.AppendEvent(Event(i));
        }
        var bytes = File.ReadAllBytes(Path.Combine(dir.Path, JournalFormat.IndexFileName(1)));
        var entries = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, TimeIndexEntry>(bytes.AsSpan(JournalFormat.IndexHeaderBytes)).ToArray();
        Assert.Equal(20, entries.Length); // records 1, 51, 101, ... 951
        for (var k = 0; k < entries.Length; k++)
        {
            Assert.Equal(1 + 50 * k, entries[k].Position);
            Assert.Equal(TimeOf(50 * k), entries[k].MaxTimeNs);
            Assert.Equal(JournalFormat.SegmentHeaderBytes + 50L * k * (JournalFormat.RecordHeaderBytes + JournalFormat.EventPayloadBytes), entries[k].Offset);
        }
    }

    [Fact]
    public void The_rebuilt_index_of_a_reopened_segment_matches_the_live_one()
    {
        using var dir = new TempJournalDir();
        using (var writer = OpenWriter(Options(dir.Path, indexEvery: 37, indexIntervalNs: 20_000), out _))
            AppendMix(writer, 0, 2000);
        var live = File.ReadAllBytes(dir.Index(1));
        File.Delete(dir.Index(1));
        using (OpenWriter(Options(dir.Path, indexEvery: 37, indexIntervalNs: 20_000), out _)) { }
        Assert.Equal(live, File.ReadAllBytes(dir.Index(1)));
    }
}

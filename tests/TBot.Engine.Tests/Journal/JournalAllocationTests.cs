using TBot.Engine.Events;
using TBot.Engine.Journal;
using static TBot.Engine.Tests.Journal.JournalFixtures;

namespace TBot.Engine.Tests.Journal;

/// <summary>Appending and reading allocate nothing per record (measured on the calling thread after a warm-up).
/// One segment large enough for everything: starting a segment opens files and does allocate.</summary>
public class JournalAllocationTests
{
    private const int WarmUp = 100_000;
    private const int Measured = 1_000_000;

    [Fact]
    public void Appending_and_reading_a_million_events_allocates_nothing()
    {
        using var dir = new TempJournalDir();
        var options = new JournalOptions
        {
            Directory = dir.Path, SegmentBytes = 1L << 30, FsyncPolicy = FsyncPolicy.None, IndexEveryRecords = 4096,
        };
        long appendBytes;
        using (var writer = JournalWriter.Open(options, Manifest(), out _))
        {
            var e = Event(1);
            var d = Decision(1);
            for (var i = 0; i < WarmUp; i++)
            {
                e.ReceiveTimeNs = TimeOf(i);
                writer.AppendEvent(e);
                if (i % 1000 == 0)
                {
                    writer.AppendDecision(d);
                    writer.FlushPerPolicy();
                }
            }
            writer.Flush();

            var before = GC.GetAllocatedBytesForCurrentThread();
            for (var i = WarmUp; i < WarmUp + Measured; i++)
            {
                e.ReceiveTimeNs = TimeOf(i);
                writer.AppendEvent(e);
                if (i % 1000 == 0)
                {
                    writer.AppendDecision(d);
                    writer.FlushPerPolicy(); // a flush per 1000-event "batch"
                }
            }
            writer.Flush();
            appendBytes = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.Equal(1, writer.Segment);
            Assert.True(writer.Flushes > Measured / 1000);
        }
        Assert.Equal(0, appendBytes);

        using var reader = JournalReader.Open(dir.Path);
        long sum = 0, n = 0;
        // Warm-up: the first records, then back to the start.
        for (var i = 0; i < WarmUp && reader.TryRead(out var r); i++) sum += r.TimeNs;
        Assert.True(reader.SeekPosition(1));
        sum = 0;
        var start = GC.GetAllocatedBytesForCurrentThread();
        while (reader.TryRead(out var r))
        {
            if (r.Type == JournalRecordType.Event) sum += r.Event.ReceiveTimeNs - JournalFixtures.BaseTimeNs;
            n++;
        }
        var readBytes = GC.GetAllocatedBytesForCurrentThread() - start;
        Assert.Equal(0, readBytes);
        Assert.True(n > WarmUp + Measured);
        long expected = 0;
        for (long i = 0; i < WarmUp + Measured; i++) expected += i * 1000;
        Assert.Equal(expected, sum);
    }

    [Fact]
    public void The_measurement_does_catch_an_allocation()
    {
        // Guards the test above against measuring nothing.
        var before = GC.GetAllocatedBytesForCurrentThread();
        var sink = new byte[1000];
        var after = GC.GetAllocatedBytesForCurrentThread();
        Assert.True(after - before >= 1000, $"measured {after - before} bytes for a {sink.Length}-byte array");
    }
}

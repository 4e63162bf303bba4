using TBot.Engine.Journal;
using TBot.Persistence.Projections;

namespace TBot.Persistence.Tests.Projections;

public sealed class JournalTailAllocationTests
{
    // A tail at the live end re-opens its reader on every poll (every 10 ms by default). The reader's chunk
    // buffer (1 MiB for a tail) is allocated once by the tail, so an idle poll costs only the re-open's small
    // objects (manifest, segment list, file handle). The bound is far above those and far below one buffer.
    private const int Polls = 200;
    private const long MaxBytesPerIdlePoll = 64 * 1024;

    [Fact]
    public void An_idle_poll_at_the_live_end_does_not_allocate_a_reader_buffer()
    {
        using var journal = new TestJournal();
        for (var i = 0; i < 100; i++) journal.Quote(1 + i % 2, 100 + i, 200 + i);
        journal.Flush();
        using var tail = new JournalTail(journal.Path);
        Assert.True(tail.TryReadBatch(0, out var batch));
        Assert.Equal(100, batch.LastPosition);
        // Warm up: the first idle polls JIT the re-open path.
        for (var i = 0; i < 5; i++) Assert.False(tail.TryReadBatch(100, out _));

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < Polls; i++) Assert.False(tail.TryReadBatch(100, out _));
        var perPoll = (GC.GetAllocatedBytesForCurrentThread() - before) / Polls;

        TestContext.Current.TestOutputHelper?.WriteLine($"allocated per idle poll: {perPoll} bytes (average of {Polls})");
        Assert.True(perPoll < MaxBytesPerIdlePoll, $"{perPoll} bytes per idle poll");
    }

    [Fact]
    public void The_reused_buffer_does_not_mix_records_of_successive_opens()
    {
        // Every poll re-opens into the same buffer: records written between polls must come out whole and in order.
        using var journal = new TestJournal();
        using var tail = new JournalTail(journal.Path);
        long position = 0;
        for (var round = 0; round < 20; round++)
        {
            Assert.False(tail.TryReadBatch(position, out _));
            for (var i = 0; i < 3; i++) journal.Quote(1, 1000 * round + i, 1000 * round + i + 1);
            journal.Flush();
            Assert.True(tail.TryReadBatch(position, out var batch));
            Assert.Equal(3, batch.Count);
            for (var i = 0; i < 3; i++)
            {
                Assert.Equal(position + 1 + i, batch.Records[i].Position);
                Assert.Equal(1000 * round + i, batch.Event(batch.Records[i]).Bid);
            }
            position = batch.LastPosition;
        }
    }

    [Fact]
    public void A_caller_buffer_smaller_than_one_maximal_record_is_refused()
    {
        using var journal = new TestJournal();
        journal.Quote(1, 100, 200);
        journal.Flush();
        var e = Assert.Throws<ArgumentException>(() => JournalReader.Open(journal.Path, new byte[JournalFormat.MaxRecordBytes - 1]));
        Assert.Equal("buffer", e.ParamName);
        using var reader = JournalReader.Open(journal.Path, new byte[JournalFormat.MaxRecordBytes]);
        Assert.True(reader.TryRead(out var record));
        Assert.Equal(1, record.Position);
    }
}

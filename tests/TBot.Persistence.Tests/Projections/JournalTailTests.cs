using TBot.Engine.Events;
using TBot.Engine.Journal;
using TBot.Persistence.Projections;

namespace TBot.Persistence.Tests.Projections;

public sealed class JournalTailTests
{
    [Fact]
    public async Task Reads_from_a_position_then_waits_for_new_records()
    {
        using var journal = new TestJournal();
        for (var i = 0; i < 10; i++) journal.Quote(1, 100 + i, 200 + i);
        journal.Flush();
        using var tail = new JournalTail(journal.Path, new JournalTailOptions { PollInterval = TimeSpan.FromMilliseconds(5) });
        var ct = TestContext.Current.CancellationToken;

        var batch = await tail.ReadAsync(3, ct);
        Assert.Equal(7, batch.Count);
        Assert.Equal(4, batch.FirstPosition);
        Assert.Equal(10, batch.LastPosition);
        Assert.Equal(103, batch.Event(batch.Records[0]).Bid);
        Assert.Equal(10, tail.LastSeenPosition);

        // Nothing new yet: the read waits.
        var pending = tail.ReadAsync(10, ct).AsTask();
        await Task.Delay(50, ct);
        Assert.False(pending.IsCompleted);

        journal.Trade(2, 555, 1);
        journal.Fill(7, 2, Side.Buy, 555, 1, 1, 0, 1);
        journal.Flush();
        batch = await pending.WaitAsync(TimeSpan.FromSeconds(5), ct);
        Assert.Equal(2, batch.Count);
        Assert.Equal(11, batch.FirstPosition);
        Assert.Equal(JournalRecordType.Decision, batch.Records[1].Type);
        Assert.Equal(7, batch.Decision(batch.Records[1]).BotId);
    }

    [Fact]
    public void Batches_are_contiguous_across_segments_and_cap_at_the_batch_size()
    {
        using var journal = new TestJournal(segmentBytes: 8 * 1024);
        for (var i = 0; i < 1000; i++) journal.Quote(1 + i % 2, i, i + 1);
        journal.Flush();
        Assert.True(journal.Writer.Segment > 5);
        using var tail = new JournalTail(journal.Path, new JournalTailOptions { BatchSize = 64 });
        long position = 0;
        var batches = 0;
        while (tail.TryReadBatch(position, out var b))
        {
            batches++;
            Assert.True(b.Count <= 64);
            var expected = position + 1;
            foreach (var r in b.Records) Assert.Equal(expected++, r.Position);
            position = b.LastPosition;
        }
        Assert.Equal(1000, position);
        Assert.Equal(16, batches);
    }

    [Fact]
    public void A_torn_last_record_is_not_yet_and_is_read_once_complete()
    {
        // Write the same journal twice: the tail's copy gets the last record cut in half (a write in progress).
        using var full = new TestJournal();
        for (var i = 0; i < 5; i++) full.Quote(1, i, i + 1);
        full.Flush();
        var dir = Path.Combine(Path.GetTempPath(), "tbot-torn-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            File.Copy(JournalManifest.PathIn(full.Path), JournalManifest.PathIn(dir));
            var segment = Path.GetFileName(Directory.GetFiles(full.Path, "seg-*.tbj").Single());
            var bytes = File.ReadAllBytes(Path.Combine(full.Path, segment));
            File.WriteAllBytes(Path.Combine(dir, segment), bytes.AsSpan(0, bytes.Length - 100).ToArray());

            using var tail = new JournalTail(dir);
            Assert.True(tail.TryReadBatch(0, out _));
            Assert.Equal(4, tail.LastSeenPosition);
            Assert.False(tail.TryReadBatch(4, out _)); // the half record: not damage, just not there yet

            File.WriteAllBytes(Path.Combine(dir, segment), bytes);
            Assert.True(tail.TryReadBatch(4, out _));
            Assert.Equal(5, tail.LastSeenPosition);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task Waits_for_a_journal_that_does_not_exist_yet()
    {
        var dir = Path.Combine(Path.GetTempPath(), "tbot-later-" + Guid.NewGuid().ToString("N"));
        using var tail = new JournalTail(dir, new JournalTailOptions { PollInterval = TimeSpan.FromMilliseconds(5) });
        var ct = TestContext.Current.CancellationToken;
        var pending = tail.ReadAsync(0, ct).AsTask();
        await Task.Delay(30, ct);
        Assert.False(pending.IsCompleted);
        using var journal = new TestJournal(path: dir);
        journal.Quote(1, 1, 2);
        journal.Flush();
        var batch = await pending.WaitAsync(TimeSpan.FromSeconds(5), ct);
        Assert.Equal(1, batch.LastPosition);
    }
}

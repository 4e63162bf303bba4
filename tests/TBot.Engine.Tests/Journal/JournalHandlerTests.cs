using TBot.Engine.Events;
using TBot.Engine.Journal;
using TBot.Engine.Ring;
using TBot.Engine.Tests.Infrastructure;
using static TBot.Engine.Tests.Journal.JournalFixtures;

namespace TBot.Engine.Tests.Journal;

public class JournalHandlerTests
{
    [Theory]
    [InlineData(ThreadingMode.Fused, 8192)]
    [InlineData(ThreadingMode.Dedicated, 16)]
    public void Events_and_their_decisions_are_journaled_in_order_on_a_real_ring(ThreadingMode threading, int queueCapacity)
    {
        const int count = 50_000;
        using var dir = new TempJournalDir();
        var queue = new DecisionQueue(queueCapacity);
        var writer = OpenWriter(Options(dir.Path, segmentBytes: 1 << 20), out _);
        var journal = new JournalHandler(writer, queue);
        var trading = new FakeTrading(queue);
        var ring = RingBuffer<MarketEvent>.CreateSingleProducer(1024, new YieldingWaitStrategy());
        var pipeline = new EventPipeline<MarketEvent>(ring, new PipelineOptions { Threading = threading, ExceptionPolicy = HandlerExceptionPolicy.Halt });
        pipeline.HandleEventsWith(trading).Then(journal);
        pipeline.Start();
        try
        {
            var producer = new Worker("journal-producer", () =>
            {
                for (var i = 0; i < count; i++)
                {
                    var s = ring.Next();
                    ring[s] = Event(s);
                    ring.Publish(s);
                }
            });
            producer.Join();
            Wait.AssertEventually(() => journal.Committed.Value == count - 1 || pipeline.IsFaulted, "Committed to reach the last event");
            Assert.False(pipeline.IsFaulted);
            Assert.True(writer.WrittenPosition >= writer.LastPosition);
        }
        finally
        {
            Assert.True(pipeline.Halt(Timeouts.Safety));
        }

        Assert.Equal(count, journal.Events);
        Assert.Equal(trading.Decisions, journal.Decisions);
        Assert.Throws<ObjectDisposedException>(() => writer.AppendEvent(Event(0))); // OnShutdown closed it

        // The journal reads: event s, then exactly the decisions made for s, then event s + 1 ...
        using var reader = JournalReader.Open(dir.Path);
        long expectedSequence = 0, decisionsOfCurrent = 0, position = 0;
        while (reader.TryRead(out var r))
        {
            Assert.Equal(++position, r.Position);
            if (r.Type == JournalRecordType.Event)
            {
                if (expectedSequence > 0) Assert.Equal(FakeTrading.DecisionsFor(expectedSequence - 1), decisionsOfCurrent);
                Assert.Equal(Event(expectedSequence), r.Event);
                expectedSequence++;
                decisionsOfCurrent = 0;
            }
            else
            {
                Assert.Equal(JournalRecordType.Decision, r.Type);
                var d = r.Decision;
                Assert.Equal(expectedSequence - 1, d.Sequence);
                Assert.Equal(d.Sequence * 10 + decisionsOfCurrent, d.ClientOrderId);
                decisionsOfCurrent++;
            }
        }
        Assert.Equal(count, expectedSequence);
        Assert.Equal(FakeTrading.DecisionsFor(count - 1), decisionsOfCurrent);
        Assert.Equal(JournalDamage.None, reader.TailDamage);
    }

    [Fact]
    public void Committed_covers_only_what_the_OS_has_while_the_ring_runs()
    {
        const int count = 200_000;
        using var dir = new TempJournalDir();
        var queue = new DecisionQueue(4096);
        var writer = OpenWriter(Options(dir.Path), out _);
        var journal = new JournalHandler(writer, queue);
        var ring = RingBuffer<MarketEvent>.CreateSingleProducer(1024, new YieldingWaitStrategy());
        var pipeline = new EventPipeline<MarketEvent>(ring, new PipelineOptions { Threading = ThreadingMode.Fused });
        pipeline.HandleEventsWith(new FakeTrading(queue)).Then(journal);
        pipeline.Start();
        var checks = 0;
        try
        {
            var producer = new Worker("journal-producer", () =>
            {
                for (var i = 0; i < count; i++)
                {
                    var s = ring.Next();
                    ring[s] = Event(s);
                    ring.Publish(s);
                    if (i % 20_000 == 0) Thread.Sleep(1);
                }
            });
            // While it runs: whatever Committed says must already be readable from the files, decisions included.
            while (producer.Thread.IsAlive && checks < 20)
            {
                var committed = journal.Committed.Value;
                if (committed < 0) continue;
                AssertJournalCovers(dir.Path, committed);
                checks++;
            }
            producer.Join();
            Wait.AssertEventually(() => journal.Committed.Value == count - 1, "Committed to reach the last event");
            AssertJournalCovers(dir.Path, count - 1);
        }
        finally
        {
            Assert.True(pipeline.Halt(Timeouts.Safety));
        }
        Assert.True(checks > 0);
    }

    [Fact]
    public void Committed_advances_at_batch_ends_per_policy()
    {
        using var dir = new TempJournalDir();
        var options = new JournalOptions
        {
            Directory = dir.Path, FlushPolicy = FlushPolicy.IntervalMs, FlushIntervalMs = 60_000, FsyncPolicy = FsyncPolicy.None,
        };
        var queue = new DecisionQueue(16);
        var writer = JournalWriter.Open(options, Manifest(), out _);
        var handler = new JournalHandler(writer, queue);

        // A decision for a later event waits for that event.
        queue.Append(Decision(1, sequence: 0) with { Kind = DecisionKind.RiskRejected });
        queue.Append(Decision(2, sequence: 1) with { Kind = DecisionKind.OrderSubmitted });
        var e = Event(0);
        handler.OnEvent(ref e, 0, endOfBatch: false);
        Assert.Equal(2, writer.LastPosition); // event 0 + its decision
        Assert.Equal(Sequence.InitialValue, handler.Committed.Value);

        // The batch carries an order: flushed at once although the 60 s interval has not passed.
        e = Event(1);
        handler.OnEvent(ref e, 1, endOfBatch: true);
        Assert.Equal(4, writer.LastPosition);
        Assert.Equal(4, writer.WrittenPosition);
        Assert.Equal(1, handler.Committed.Value);

        // A batch without orders under a 60 s interval: stays buffered, Committed does not move.
        queue.Append(Decision(3, sequence: 2) with { Kind = DecisionKind.Fill });
        e = Event(2);
        handler.OnEvent(ref e, 2, endOfBatch: true);
        Assert.Equal(6, writer.LastPosition);
        Assert.Equal(4, writer.WrittenPosition);
        Assert.Equal(1, handler.Committed.Value);

        // Shutdown drains, flushes and closes.
        queue.Append(Decision(4, sequence: 99) with { Kind = DecisionKind.Control });
        handler.OnShutdown();
        Assert.Equal(2, handler.Committed.Value);
        Assert.Equal(7, writer.WrittenPosition);
        Assert.Equal(4, handler.Decisions);
        using var reader = JournalReader.Open(dir.Path);
        var types = new List<JournalRecordType>();
        while (reader.TryRead(out var r)) types.Add(r.Type);
        Assert.Equal(
            [JournalRecordType.Event, JournalRecordType.Decision, JournalRecordType.Event, JournalRecordType.Decision,
             JournalRecordType.Event, JournalRecordType.Decision, JournalRecordType.Decision], types);
    }

    private static void AssertJournalCovers(string directory, long committed)
    {
        using var reader = JournalReader.Open(directory);
        long events = 0, decisionsOfCommitted = 0;
        while (reader.TryRead(out var r))
        {
            if (r.Type == JournalRecordType.Event)
            {
                events++;
                if (events > committed + 1) break;
            }
            else if (r.Decision.Sequence == committed)
            {
                decisionsOfCommitted++;
            }
        }
        Assert.True(events >= committed + 1, $"Committed {committed} but only {events} events are in the files");
        Assert.Equal(FakeTrading.DecisionsFor(committed), decisionsOfCommitted);
    }

    /// <summary>Makes 0, 1 or 2 decisions per event (by sequence), stamped with the event's sequence.</summary>
    private sealed class FakeTrading(DecisionQueue queue) : IEventHandler<MarketEvent>
    {
        public long Decisions { get; private set; }

        public static long DecisionsFor(long sequence) => sequence % 3;

        public void OnEvent(ref MarketEvent evt, long sequence, bool endOfBatch)
        {
            for (var j = 0; j < DecisionsFor(sequence); j++)
            {
                queue.Append(new DecisionRecord
                {
                    Kind = j == 0 ? DecisionKind.OrderSubmitted : DecisionKind.Fill,
                    Sequence = sequence,
                    TimeNs = evt.ReceiveTimeNs,
                    ClientOrderId = sequence * 10 + j,
                });
                Decisions++;
            }
        }
    }
}

using TBot.Engine.Ring;
using TBot.Engine.Tests.Infrastructure;

namespace TBot.Engine.Tests.Ring;

public class MultiProducerSequencerTests
{
    [Fact]
    public void Ring_size_must_be_a_power_of_two()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new MultiProducerSequencer(6, new YieldingWaitStrategy()));
        Assert.Equal(8, new MultiProducerSequencer(8, new YieldingWaitStrategy()).BufferSize);
    }

    [Fact]
    public void Claiming_moves_the_cursor_but_only_publishing_makes_a_slot_available()
    {
        var sequencer = new MultiProducerSequencer(8, new YieldingWaitStrategy());
        Assert.Equal(0, sequencer.Next());
        Assert.Equal(0, sequencer.CursorValue);
        Assert.False(sequencer.IsAvailable(0));
        sequencer.Publish(0);
        Assert.True(sequencer.IsAvailable(0));
    }

    [Fact]
    public void Out_of_order_publishing_is_visible_only_up_to_the_first_gap()
    {
        var sequencer = new MultiProducerSequencer(16, new YieldingWaitStrategy());
        for (var i = 0; i < 5; i++) sequencer.Next(); // 0..4 claimed, e.g. by five producers

        sequencer.Publish(2);
        sequencer.Publish(4);
        Assert.False(sequencer.IsAvailable(0));
        Assert.False(sequencer.IsAvailable(1));
        Assert.True(sequencer.IsAvailable(2));
        Assert.False(sequencer.IsAvailable(3));
        Assert.True(sequencer.IsAvailable(4));
        Assert.Equal(-1, sequencer.GetHighestPublishedSequence(0, 4));
        Assert.Equal(2, sequencer.GetHighestPublishedSequence(2, 4));

        sequencer.Publish(0);
        Assert.Equal(0, sequencer.GetHighestPublishedSequence(0, 4));

        sequencer.Publish(1);
        Assert.Equal(2, sequencer.GetHighestPublishedSequence(0, 4));

        sequencer.Publish(3);
        Assert.Equal(4, sequencer.GetHighestPublishedSequence(0, 4));
        Assert.Equal(4, sequencer.CursorValue);
    }

    [Fact]
    public void A_barrier_never_hands_out_a_claimed_but_unpublished_slot()
    {
        var ring = RingBuffer<SeqEvent>.CreateMultiProducer(16, new BusySpinWaitStrategy());
        var barrier = ring.NewBarrier();
        var s0 = ring.Next();
        var s1 = ring.Next();
        var s2 = ring.Next();
        ring.Publish(s0);
        ring.Publish(s2);
        Assert.Equal(2, ring.Cursor);
        Assert.Equal(0, barrier.WaitFor(0)); // 1 is claimed, not published: the batch stops before it
        ring.Publish(s1);
        Assert.Equal(2, barrier.WaitFor(1));
    }

    [Fact]
    public void IsAvailable_tells_laps_apart()
    {
        var sequencer = new MultiProducerSequencer(4, new YieldingWaitStrategy());
        var consumer = new Sequence();
        sequencer.AddGatingSequences(consumer);
        for (var i = 0; i < 4; i++) sequencer.Publish(sequencer.Next());
        consumer.SetValue(3);

        var s = sequencer.Next();
        Assert.Equal(4, s); // same slot as 0
        Assert.True(sequencer.IsAvailable(0));
        Assert.False(sequencer.IsAvailable(4));
        sequencer.Publish(s);
        Assert.True(sequencer.IsAvailable(4));
        Assert.False(sequencer.IsAvailable(0));
        Assert.False(sequencer.IsAvailable(8));
    }

    [Fact]
    public void Publishing_a_range_makes_every_slot_in_it_available()
    {
        var sequencer = new MultiProducerSequencer(8, new YieldingWaitStrategy());
        Assert.Equal(4, sequencer.Next(5));
        sequencer.Publish(1, 3);
        Assert.False(sequencer.IsAvailable(0));
        Assert.True(sequencer.IsAvailable(1));
        Assert.True(sequencer.IsAvailable(3));
        Assert.False(sequencer.IsAvailable(4));
        sequencer.Publish(0, 0);
        sequencer.Publish(4, 4);
        Assert.Equal(4, sequencer.GetHighestPublishedSequence(0, 4));
    }

    [Fact]
    public void TryNext_fails_when_the_ring_is_full_and_the_consumer_is_stopped()
    {
        var sequencer = new MultiProducerSequencer(8, new YieldingWaitStrategy());
        var consumer = new Sequence();
        sequencer.AddGatingSequences(consumer);
        Assert.True(sequencer.TryNext(6, out var high));
        Assert.Equal(5, high);
        Assert.Equal(2, sequencer.RemainingCapacity());
        Assert.False(sequencer.TryNext(3, out _));
        Assert.True(sequencer.TryNext(2, out high));
        Assert.Equal(7, high);
        Assert.False(sequencer.TryNext(out var failed));
        Assert.Equal(Sequence.InitialValue, failed);
        Assert.Equal(0, sequencer.RemainingCapacity());

        consumer.SetValue(0);
        Assert.Equal(1, sequencer.RemainingCapacity());
        Assert.True(sequencer.TryNext(out var s));
        Assert.Equal(8, s);
        Assert.False(sequencer.TryNext(out _));
        Assert.Throws<ArgumentOutOfRangeException>(() => sequencer.TryNext(9, out _));
        Assert.Throws<ArgumentOutOfRangeException>(() => sequencer.Next(0));
    }

    [Fact]
    public void Next_waits_while_the_ring_is_full()
    {
        var sequencer = new MultiProducerSequencer(4, new YieldingWaitStrategy());
        var consumer = new Sequence();
        sequencer.AddGatingSequences(consumer);
        for (var i = 0; i < 4; i++) sequencer.Publish(sequencer.Next());
        long claimed = -1;
        var producer = new Worker("producer", () => Volatile.Write(ref claimed, sequencer.Next()));
        Thread.Sleep(50);
        Assert.Equal(-1, Volatile.Read(ref claimed));
        consumer.SetValue(0);
        producer.Join();
        Assert.Equal(4, claimed);
    }

    [Theory]
    [InlineData(3, 500_000, 1)]
    [InlineData(2, 200_000, 5)]
    public void Every_producers_events_arrive_exactly_once_and_in_its_order(int producers, int perProducer, int claimSize)
    {
        const int size = 1024;
        var ring = RingBuffer<ProducerEvent>.CreateMultiProducer(size, new YieldingWaitStrategy());
        var handler = new PerProducerOrderHandler(producers);
        using var consumer = new ConsumerThread<ProducerEvent>(ring, handler);
        var consumed = consumer.Processor.Sequence;
        var lapViolations = new long[producers];

        var workers = new Worker[producers];
        for (var p = 0; p < producers; p++)
        {
            var id = p;
            workers[p] = new Worker($"producer-{id}", () =>
            {
                for (var i = 0; i < perProducer; i += claimSize)
                {
                    var n = Math.Min(claimSize, perProducer - i);
                    var high = ring.Next(n);
                    var low = high - n + 1;
                    if (high - consumed.Value > size) lapViolations[id]++;
                    for (var s = low; s <= high; s++)
                    {
                        ref var e = ref ring[s];
                        e.ProducerId = id;
                        e.ProducerSequence = i + (s - low);
                    }
                    ring.Publish(low, high);
                }
            });
        }
        foreach (var w in workers) w.Join();
        var total = (long)producers * perProducer;
        consumer.AssertProcessed(total - 1);
        consumer.Stop();

        Assert.True(handler.Errors == 0, $"{handler.Errors} errors; first: {handler.FirstError}");
        Assert.Equal(total, handler.Count);
        for (var p = 0; p < producers; p++)
        {
            Assert.Equal(perProducer, handler.NextExpected[p]);
            Assert.Equal(0, lapViolations[p]);
        }
    }

    /// <summary>Checks that each producer's events arrive once each and in the order that producer published them.</summary>
    private sealed class PerProducerOrderHandler(int producers) : IEventHandler<ProducerEvent>
    {
        public readonly long[] NextExpected = new long[producers];
        private long _last = -1;

        public long Count { get; private set; }
        public int Errors { get; private set; }
        public string? FirstError { get; private set; }

        public void OnEvent(ref ProducerEvent evt, long sequence, bool endOfBatch)
        {
            if (sequence != _last + 1) Fail($"expected sequence {_last + 1}, got {sequence}");
            _last = sequence;
            Count++;
            if ((ulong)evt.ProducerId >= (ulong)NextExpected.Length)
            {
                Fail($"unknown producer {evt.ProducerId} at {sequence}");
                return;
            }
            ref var expected = ref NextExpected[evt.ProducerId];
            if (evt.ProducerSequence != expected)
                Fail($"producer {evt.ProducerId}: expected its event {expected}, got {evt.ProducerSequence} at {sequence}");
            expected = evt.ProducerSequence + 1;
        }

        private void Fail(string message)
        {
            if (Errors++ == 0) FirstError = message;
        }
    }
}

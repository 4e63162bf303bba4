using TBot.Engine.Ring;
using TBot.Engine.Tests.Infrastructure;

namespace TBot.Engine.Tests.Ring;

public class SingleProducerSequencerTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(3)]
    [InlineData(1000)]
    [InlineData(1025)]
    public void Ring_size_must_be_a_positive_power_of_two(int size)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new SingleProducerSequencer(size, new YieldingWaitStrategy()));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(1024)]
    public void Powers_of_two_are_accepted(int size)
    {
        Assert.Equal(size, new SingleProducerSequencer(size, new YieldingWaitStrategy()).BufferSize);
    }

    [Fact]
    public void A_wait_strategy_is_required()
    {
        Assert.Throws<ArgumentNullException>(() => new SingleProducerSequencer(8, null!));
    }

    [Fact]
    public void Next_hands_out_consecutive_sequences_and_Publish_moves_the_cursor()
    {
        var sequencer = new SingleProducerSequencer(8, new YieldingWaitStrategy());
        Assert.Equal(-1, sequencer.CursorValue);

        Assert.Equal(0, sequencer.Next());
        Assert.Equal(-1, sequencer.CursorValue);
        Assert.False(sequencer.IsAvailable(0));

        sequencer.Publish(0);
        Assert.Equal(0, sequencer.CursorValue);
        Assert.True(sequencer.IsAvailable(0));

        Assert.Equal(1, sequencer.Next());
        Assert.Equal(2, sequencer.Next());
        sequencer.Publish(2);
        Assert.Equal(2, sequencer.CursorValue);
        Assert.True(sequencer.IsAvailable(1));
        Assert.True(sequencer.IsAvailable(2));
        Assert.False(sequencer.IsAvailable(3));
    }

    [Fact]
    public void Next_n_claims_a_range_and_returns_its_highest_sequence()
    {
        var sequencer = new SingleProducerSequencer(8, new YieldingWaitStrategy());
        Assert.Equal(3, sequencer.Next(4));
        sequencer.Publish(0, 3);
        Assert.Equal(3, sequencer.CursorValue);
        Assert.Equal(4, sequencer.Next(1));
        Assert.True(sequencer.TryNext(3, out var highest));
        Assert.Equal(7, highest);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(9)]
    public void Claims_larger_than_the_ring_or_empty_are_rejected(int n)
    {
        var sequencer = new SingleProducerSequencer(8, new YieldingWaitStrategy());
        Assert.Throws<ArgumentOutOfRangeException>(() => sequencer.Next(n));
        Assert.Throws<ArgumentOutOfRangeException>(() => sequencer.TryNext(n, out _));
    }

    [Fact]
    public void Without_consumers_the_producer_is_never_held_back()
    {
        var sequencer = new SingleProducerSequencer(4, new YieldingWaitStrategy());
        for (var i = 0; i < 100; i++) sequencer.Publish(sequencer.Next());
        Assert.Equal(99, sequencer.CursorValue);
        Assert.Equal(4, sequencer.RemainingCapacity());
    }

    [Fact]
    public void TryNext_fails_when_the_ring_is_full_and_the_consumer_is_stopped()
    {
        var sequencer = new SingleProducerSequencer(8, new YieldingWaitStrategy());
        var consumer = new Sequence();
        sequencer.AddGatingSequences(consumer);
        Assert.Equal(8, sequencer.RemainingCapacity());

        for (var i = 0; i < 8; i++)
        {
            Assert.True(sequencer.TryNext(out var s));
            Assert.Equal(i, s);
            sequencer.Publish(s);
            Assert.Equal(8 - i - 1, sequencer.RemainingCapacity());
        }

        Assert.False(sequencer.TryNext(out var failed));
        Assert.Equal(Sequence.InitialValue, failed);
        Assert.False(sequencer.TryNext(1, out _));
        Assert.Equal(0, sequencer.RemainingCapacity());
        Assert.Equal(7, sequencer.CursorValue);

        // The consumer finishes slots 0..2: exactly three claims fit again.
        consumer.SetValue(2);
        Assert.Equal(3, sequencer.RemainingCapacity());
        Assert.False(sequencer.TryNext(4, out _));
        Assert.True(sequencer.TryNext(2, out var high));
        Assert.Equal(9, high);
        Assert.True(sequencer.TryNext(out var last));
        Assert.Equal(10, last);
        Assert.False(sequencer.TryNext(out _));
        Assert.Equal(0, sequencer.RemainingCapacity());
    }

    [Fact]
    public void IsAvailable_forgets_slots_of_an_earlier_lap()
    {
        var sequencer = new SingleProducerSequencer(8, new YieldingWaitStrategy());
        for (var i = 0; i < 10; i++) sequencer.Publish(sequencer.Next());
        Assert.True(sequencer.IsAvailable(9));
        Assert.True(sequencer.IsAvailable(2));
        Assert.False(sequencer.IsAvailable(1)); // its slot now holds 9
        Assert.False(sequencer.IsAvailable(10));
        Assert.Equal(9, sequencer.GetHighestPublishedSequence(3, 9));
    }

    [Fact]
    public void Gating_sequences_start_at_the_cursor_and_can_be_removed()
    {
        var sequencer = new SingleProducerSequencer(8, new YieldingWaitStrategy());
        for (var i = 0; i < 5; i++) sequencer.Publish(sequencer.Next());
        var consumer = new Sequence();
        sequencer.AddGatingSequences(consumer);
        Assert.Equal(4, consumer.Value);
        Assert.Equal(4, sequencer.MinimumGatingSequence(100));

        for (var i = 0; i < 8; i++) sequencer.Publish(sequencer.Next());
        Assert.False(sequencer.TryNext(out _));

        Assert.True(sequencer.RemoveGatingSequence(consumer));
        Assert.False(sequencer.RemoveGatingSequence(consumer));
        Assert.True(sequencer.TryNext(out var s));
        Assert.Equal(13, s);
    }

    [Fact]
    public void Next_waits_while_the_ring_is_full_until_the_consumer_moves_on()
    {
        const int size = 4;
        var sequencer = new SingleProducerSequencer(size, new YieldingWaitStrategy());
        var consumer = new Sequence();
        sequencer.AddGatingSequences(consumer);
        long claimed = 0;
        var producer = new Worker("producer", () =>
        {
            for (var i = 0; i < size + 2; i++)
            {
                var s = sequencer.Next();
                sequencer.Publish(s);
                Volatile.Write(ref claimed, s + 1);
            }
        });

        Wait.AssertEventually(() => Volatile.Read(ref claimed) == size, "the producer to fill the ring");
        // The consumer is stalled at -1: however long we wait, the producer must not claim slot `size` (slot 0 again).
        Thread.Sleep(50);
        Assert.Equal(size, Volatile.Read(ref claimed));
        Assert.True(producer.IsAlive);
        Assert.Equal(0, sequencer.RemainingCapacity());

        consumer.SetValue(0);
        Wait.AssertEventually(() => Volatile.Read(ref claimed) == size + 1, "the producer to take the freed slot");
        Thread.Sleep(20);
        Assert.Equal(size + 1, Volatile.Read(ref claimed));

        consumer.SetValue(size);
        producer.Join();
        Assert.Equal(size + 1, sequencer.CursorValue);
    }

    [Theory]
    [InlineData(1024, 2_000_000)]
    [InlineData(16, 300_000)]
    public void Every_event_arrives_once_in_order_across_many_wrap_arounds(int size, int count)
    {
        var ring = RingBuffer<SeqEvent>.CreateSingleProducer(size, new YieldingWaitStrategy());
        var handler = new SeqCheckingHandler();
        using var consumer = new ConsumerThread<SeqEvent>(ring, handler);
        var consumed = consumer.Processor.Sequence;
        long lapViolations = 0;

        var producer = new Worker("producer", () =>
        {
            for (var i = 0; i < count; i++)
            {
                var s = ring.Next();
                // The slot we are about to write must have been released by the consumer.
                if (s - consumed.Value > size) lapViolations++;
                ref var e = ref ring[s];
                e.Sequence = s;
                e.Value = SeqEvent.PayloadFor(s);
                ring.Publish(s);
            }
        });
        producer.Join();
        consumer.AssertProcessed(count - 1);
        consumer.Stop();

        handler.AssertClean();
        Assert.Equal(0, lapViolations);
        Assert.Equal(count, handler.Count);
        Assert.Equal(count - 1, handler.Last);
        Assert.Equal(count, consumer.Processor.Events);
        Assert.Equal(count - 1, consumer.Processor.Sequence.Value);
    }

    [Fact]
    public void Batched_claims_are_delivered_in_order_across_wrap_arounds()
    {
        const int size = 64;
        const int count = 500_000;
        var ring = RingBuffer<SeqEvent>.CreateSingleProducer(size, new YieldingWaitStrategy());
        var handler = new SeqCheckingHandler();
        using var consumer = new ConsumerThread<SeqEvent>(ring, handler);

        var producer = new Worker("producer", () =>
        {
            var published = 0;
            var n = 1;
            while (published < count)
            {
                var batch = Math.Min(n, count - published);
                var high = ring.Next(batch);
                var low = high - batch + 1;
                for (var s = low; s <= high; s++)
                {
                    ref var e = ref ring[s];
                    e.Sequence = s;
                    e.Value = SeqEvent.PayloadFor(s);
                }
                ring.Publish(low, high);
                published += batch;
                n = n % 17 + 1;
            }
        });
        producer.Join();
        consumer.AssertProcessed(count - 1);
        consumer.Stop();

        handler.AssertClean();
        Assert.Equal(count, handler.Count);
    }

    [Fact]
    public void A_slow_consumer_throttles_the_producer_without_being_overwritten()
    {
        const int size = 16;
        const int count = 20_000;
        var ring = RingBuffer<SeqEvent>.CreateSingleProducer(size, new YieldingWaitStrategy());
        // The consumer dawdles on some events while holding their slot; it re-checks the slot afterwards.
        var handler = new SeqCheckingHandler { OnEach = s => { if ((s & 7) == 0) Thread.Yield(); else Thread.SpinWait(20); } };
        using var consumer = new ConsumerThread<SeqEvent>(ring, handler);
        var consumed = consumer.Processor.Sequence;
        long lapViolations = 0;
        long sawFull = 0;

        var producer = new Worker("producer", () =>
        {
            for (var i = 0; i < count; i++)
            {
                if (ring.RemainingCapacity() == 0) sawFull++;
                var s = ring.Next();
                if (s - consumed.Value > size) lapViolations++;
                ref var e = ref ring[s];
                e.Sequence = s;
                e.Value = SeqEvent.PayloadFor(s);
                ring.Publish(s);
            }
        });
        producer.Join();
        consumer.AssertProcessed(count - 1);
        consumer.Stop();

        handler.AssertClean();
        Assert.Equal(0, lapViolations);
        Assert.Equal(count, handler.Count);
        TestContext.Current.TestOutputHelper?.WriteLine($"producer found the ring full {sawFull} times");
    }
}

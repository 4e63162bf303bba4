using System.Runtime.CompilerServices;
using TBot.Engine.Ring;
using TBot.Engine.Tests.Infrastructure;

namespace TBot.Engine.Tests.Ring;

public class RingBufferTests
{
    [Fact]
    public void Factories_pick_the_sequencer_for_the_producer_type()
    {
        var wait = new YieldingWaitStrategy();
        Assert.IsType<SingleProducerSequencer>(RingBuffer<SeqEvent>.CreateSingleProducer(8, wait).Sequencer);
        Assert.IsType<MultiProducerSequencer>(RingBuffer<SeqEvent>.CreateMultiProducer(8, wait).Sequencer);
        Assert.IsType<SingleProducerSequencer>(RingBuffer<SeqEvent>.Create(ProducerType.Single, 8, wait).Sequencer);
        Assert.IsType<MultiProducerSequencer>(RingBuffer<SeqEvent>.Create(ProducerType.Multi, 8, wait).Sequencer);
        var ring = RingBuffer<SeqEvent>.CreateSingleProducer(8, wait);
        Assert.Equal(8, ring.BufferSize);
        Assert.Same(wait, ring.Sequencer.WaitStrategy);
        Assert.Equal(-1, ring.Cursor);
        Assert.Throws<ArgumentNullException>(() => new RingBuffer<SeqEvent>(null!));
    }

    [Fact]
    public void A_sequence_and_the_same_sequence_one_lap_later_share_a_slot()
    {
        var ring = RingBuffer<SeqEvent>.CreateSingleProducer(8, new YieldingWaitStrategy());
        for (long s = 0; s < 8; s++)
        {
            Assert.True(Unsafe.AreSame(ref ring[s], ref ring[s + 8]));
            Assert.True(Unsafe.AreSame(ref ring[s], ref ring[s + 8 * 1000]));
            for (var other = s + 1; other < 8; other++)
                Assert.False(Unsafe.AreSame(ref ring[s], ref ring[other]));
        }
    }

    [Fact]
    public void Slots_are_written_and_read_in_place()
    {
        var ring = RingBuffer<SeqEvent>.CreateSingleProducer(4, new YieldingWaitStrategy());
        for (long s = 0; s < 4; s++) ring[s].Value = s * 10;
        ring[5].Value += 1;
        Assert.Equal(0, ring[0].Value);
        Assert.Equal(11, ring[1].Value);
        Assert.Equal(30, ring[7].Value);
    }

    [Fact]
    public void Neighbouring_rings_do_not_share_slots()
    {
        // Writes at both ends of one ring must not show up in another (the padding slots are outside the ring).
        var a = RingBuffer<SeqEvent>.CreateSingleProducer(4, new YieldingWaitStrategy());
        var b = RingBuffer<SeqEvent>.CreateSingleProducer(4, new YieldingWaitStrategy());
        a[0].Value = 1;
        a[3].Value = 2;
        for (long s = 0; s < 4; s++) Assert.Equal(0, b[s].Value);
    }

    [Fact]
    public void Claim_scope_publishes_when_disposed()
    {
        var ring = RingBuffer<SeqEvent>.CreateSingleProducer(8, new YieldingWaitStrategy());
        using (var scope = ring.Claim())
        {
            Assert.Equal(0, scope.Sequence);
            scope.Event.Sequence = scope.Sequence;
            scope.Event.Value = 42;
            Assert.Equal(-1, ring.Cursor); // not yet published
            Assert.False(ring.Sequencer.IsAvailable(0));
        }
        Assert.Equal(0, ring.Cursor);
        Assert.True(ring.Sequencer.IsAvailable(0));
        Assert.Equal(42, ring[0].Value);

        using (var scope = ring.Claim()) scope.Event.Value = 43;
        Assert.Equal(1, ring.Cursor);
        Assert.Equal(43, ring[1].Value);
    }

    [Fact]
    public void Claim_scope_publishes_even_when_filling_throws()
    {
        var ring = RingBuffer<SeqEvent>.CreateMultiProducer(8, new YieldingWaitStrategy());
        void FillAndFail()
        {
            using var scope = ring.Claim();
            scope.Event.Value = 7;
            throw new InvalidOperationException("fill failed");
        }
        Assert.Throws<InvalidOperationException>(FillAndFail);
        Assert.True(ring.Sequencer.IsAvailable(0));
        Assert.Equal(0, ring.Sequencer.GetHighestPublishedSequence(0, ring.Cursor));
    }

    [Fact]
    public void Events_published_through_claim_scopes_reach_a_consumer_thread_intact()
    {
        const int count = 200_000;
        var ring = RingBuffer<SeqEvent>.CreateSingleProducer(256, new YieldingWaitStrategy());
        var handler = new SeqCheckingHandler();
        using var consumer = new ConsumerThread<SeqEvent>(ring, handler);
        var producer = new Worker("producer", () =>
        {
            for (var i = 0; i < count; i++)
            {
                using var scope = ring.Claim();
                scope.Event.Sequence = scope.Sequence;
                scope.Event.Value = SeqEvent.PayloadFor(scope.Sequence);
            }
        });
        producer.Join();
        consumer.AssertProcessed(count - 1);
        consumer.Stop();
        handler.AssertClean();
        Assert.Equal(count, handler.Count);
    }

    [Fact]
    public void RemainingCapacity_follows_the_slowest_consumer()
    {
        var ring = RingBuffer<SeqEvent>.CreateSingleProducer(8, new YieldingWaitStrategy());
        var fast = new Sequence();
        var slow = new Sequence();
        ring.AddGatingSequences(fast, slow);
        for (var i = 0; i < 6; i++) ring.Publish(ring.Next());
        Assert.Equal(2, ring.RemainingCapacity());
        fast.SetValue(5);
        Assert.Equal(2, ring.RemainingCapacity());
        slow.SetValue(3);
        Assert.Equal(6, ring.RemainingCapacity());
        Assert.True(ring.RemoveGatingSequence(slow));
        Assert.Equal(8, ring.RemainingCapacity());
        Assert.True(ring.TryNext(8, out var high));
        Assert.Equal(13, high);
        Assert.False(ring.TryNext(out _));
    }
}

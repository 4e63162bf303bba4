using TBot.Engine.Journal;
using TBot.Engine.Tests.Infrastructure;
using static TBot.Engine.Tests.Journal.JournalFixtures;

namespace TBot.Engine.Tests.Journal;

public class DecisionQueueTests
{
    [Fact]
    public void Reads_in_order_and_only_up_to_the_given_sequence()
    {
        var q = new DecisionQueue(8);
        q.Append(Decision(1, sequence: 5));
        q.Append(Decision(2, sequence: 5));
        q.Append(Decision(3, sequence: 7));
        Assert.Equal(3, q.Count);

        Assert.False(q.TryRead(4, out _));
        Assert.True(q.TryRead(5, out var a));
        Assert.Equal(Decision(1, 5), a);
        Assert.True(q.TryRead(6, out var b));
        Assert.Equal(Decision(2, 5), b);
        Assert.False(q.TryRead(6, out _));
        Assert.True(q.TryRead(out var c));
        Assert.Equal(Decision(3, 7), c);
        Assert.False(q.TryRead(out _));
        Assert.Equal(0, q.Count);
    }

    [Fact]
    public void Wraps_around_many_times()
    {
        var q = new DecisionQueue(4);
        for (var i = 0; i < 1000; i++)
        {
            q.Append(Decision(i, i));
            q.Append(Decision(i + 1, i));
            Assert.True(q.TryRead(out var x));
            Assert.Equal(Decision(i, i), x);
            Assert.True(q.TryRead(out var y));
            Assert.Equal(Decision(i + 1, i), y);
        }
        Assert.Equal(2000, q.Appended);
    }

    [Fact]
    public void Capacity_must_be_a_power_of_two()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new DecisionQueue(12));
        Assert.Throws<ArgumentOutOfRangeException>(() => new DecisionQueue(1));
        Assert.Equal(DecisionQueue.DefaultCapacity, new DecisionQueue().Capacity);
    }

    [Fact]
    public void A_full_ring_overflows_in_order_instead_of_blocking()
    {
        // The producer cannot wait for the consumer: on a fused pipeline it is the same thread.
        var q = new DecisionQueue(4);
        for (var i = 0; i < 10; i++) q.Append(Decision(i, sequence: i));
        Assert.Equal(6, q.Overflowed);
        Assert.True(q.TryRead(out var d0));
        Assert.Equal(0, d0.Sequence);
        // Appends while the overflow is not empty go behind it, even though the ring has room again.
        q.Append(Decision(10, sequence: 10));
        for (var i = 1; i <= 5; i++)
        {
            Assert.True(q.TryRead(out var d));
            Assert.Equal(i, d.Sequence);
        }
        Assert.False(q.TryRead(maxSequence: 5, out _)); // the overflow respects the sequence limit too
        for (var i = 6; i <= 10; i++)
        {
            Assert.True(q.TryRead(out var d));
            Assert.Equal(i, d.Sequence);
        }
        Assert.False(q.TryRead(out _));
        Assert.Equal(7, q.Overflowed);
        // Drained: back to the ring.
        q.Append(Decision(11, sequence: 11));
        Assert.Equal(7, q.Overflowed);
        Assert.True(q.TryRead(out var last));
        Assert.Equal(11, last.Sequence);
        Assert.Equal(12, q.Appended);
    }

    [Fact]
    public void CapacityFor_covers_a_full_ring_of_decisions()
    {
        Assert.Equal(4096, DecisionQueue.CapacityFor(1024, 4));
        Assert.Equal(8192, DecisionQueue.CapacityFor(1024, 5));
        Assert.Equal(2, DecisionQueue.CapacityFor(1, 1));
    }

    [Fact]
    public void One_producer_and_one_consumer_thread_pass_every_record_in_order()
    {
        const int count = 1_000_000;
        var q = new DecisionQueue(64); // small: the producer overflows now and then, order must hold across it
        long errors = 0, received = 0;
        var consumer = new Worker("decision-consumer", () =>
        {
            var spinner = new SpinWait();
            while (received < count)
            {
                if (q.TryRead(out var d))
                {
                    if (d.Sequence != received || d.Price != received * 3 || d.TradeId != ~received) errors++;
                    received++;
                }
                else
                {
                    spinner.SpinOnce(sleep1Threshold: -1);
                }
            }
        });
        var producer = new Worker("decision-producer", () =>
        {
            for (long i = 0; i < count; i++)
                q.Append(new DecisionRecord { Sequence = i, Price = i * 3, TradeId = ~i });
        });
        producer.Join();
        consumer.Join();
        Assert.Equal(count, received);
        Assert.Equal(0, errors);
    }
}

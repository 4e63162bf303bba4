using TBot.Engine.Ring;

namespace TBot.Engine.Tests.Metrics;

/// <summary>The sequencers count the claims that found the ring full, and the time those waited.</summary>
public class ProducerWaitTests
{
    /// <summary>Yielding, and tells the test when a producer is in the full-ring wait (the sequencers signal there).</summary>
    private sealed class SignallingWait : IWaitStrategy
    {
        private readonly YieldingWaitStrategy _inner = new();
        public ManualResetEventSlim ProducerWaiting { get; } = new();
        public long WaitFor(long sequence, Sequence cursor, ISequence dependency, SequenceBarrier barrier) => _inner.WaitFor(sequence, cursor, dependency, barrier);
        public void SignalAllWhenBlocking() => ProducerWaiting.Set();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_claim_on_a_full_ring_is_counted_once_with_its_wait_time(bool multiProducer)
    {
        var wait = new SignallingWait();
        Sequencer sequencer = multiProducer ? new MultiProducerSequencer(4, wait) : new SingleProducerSequencer(4, wait);
        var consumer = new Sequence();
        sequencer.AddGatingSequences(consumer);
        for (var i = 0; i < 4; i++) sequencer.Publish(sequencer.Next());
        Assert.Equal(0, sequencer.ProducerWaits);

        var claim = Task.Factory.StartNew(sequencer.Next, TestContext.Current.CancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        Assert.True(wait.ProducerWaiting.Wait(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken), "the producer never reached the full-ring wait");
        Assert.False(claim.IsCompleted);
        Assert.Equal(0, sequencer.ProducerWaits); // counted when the wait ends

        consumer.SetValue(0);
        Assert.Equal(4, await claim.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken));
        Assert.Equal(1, sequencer.ProducerWaits);
        Assert.True(sequencer.ProducerWaitTime > TimeSpan.Zero);

        // A claim with room does not count.
        consumer.SetValue(3);
        sequencer.Publish(4);
        sequencer.Publish(sequencer.Next());
        Assert.Equal(1, sequencer.ProducerWaits);
    }
}

using TBot.Adapters.Connections;
using TBot.Engine.Instruments;

namespace TBot.Adapters.Tests.Connections;

public class SpscFrameQueueTests
{
    private static FrameHandle Frame(long sequence, byte[]? buffer = null) =>
        new(FrameHandleKind.Message, Venue.Okx, 1, 1, buffer, buffer?.Length ?? 0, sequence);

    [Fact]
    public void Capacity_rounds_up_to_a_power_of_two_and_full_is_refused()
    {
        var queue = new SpscFrameQueue(5, new FramePool());
        Assert.Equal(8, queue.Capacity);
        for (var i = 0; i < 8; i++) Assert.True(queue.TryEnqueue(Frame(i)));
        Assert.False(queue.TryEnqueue(Frame(8)));
        Assert.Equal(8, queue.Count);
        Assert.True(queue.TryDequeue(out var first));
        Assert.Equal(0, first.ReceiveTimeNs);
        Assert.True(queue.TryEnqueue(Frame(8)));
        for (var i = 1; i <= 8; i++)
        {
            Assert.True(queue.TryDequeue(out var f));
            Assert.Equal(i, f.ReceiveTimeNs);
        }
        Assert.False(queue.TryDequeue(out _));
    }

    [Fact]
    public void Frames_keep_their_fields()
    {
        var pool = new FramePool();
        var queue = new SpscFrameQueue(4, pool);
        var buffer = pool.Rent();
        "hello"u8.CopyTo(buffer);
        Assert.True(queue.TryEnqueue(new FrameHandle(FrameHandleKind.RestSnapshot, Venue.Binance, 3, 9, buffer, 5, 1234, instrumentId: 7, status: 200)));
        Assert.True(queue.TryDequeue(out var f));
        Assert.Equal(FrameHandleKind.RestSnapshot, f.Kind);
        Assert.Equal(Venue.Binance, f.Venue);
        Assert.Equal(3, f.ConnectionId);
        Assert.Equal(9, f.Epoch);
        Assert.Equal(7, f.InstrumentId);
        Assert.Equal(200, f.Status);
        Assert.Equal(1234, f.ReceiveTimeNs);
        Assert.Equal("hello"u8.ToArray(), f.Span.ToArray());
        queue.Release(f);
        Assert.Equal(0, pool.Outstanding);
    }

    [Fact]
    public async Task Two_threads_see_every_frame_in_order_across_many_wraps_with_backpressure()
    {
        var queue = new SpscFrameQueue(64, new FramePool());
        var token = TestContext.Current.CancellationToken;
        var producer = Produce(queue, 1_000_000, token);

        // Let the producer fill the ring and park before the consumer starts: the wait is counted.
        await WaitUntil(() => queue.IsProducerWaiting, token);
        Assert.Equal(64, queue.Count);
        Assert.True(queue.Waits >= 1);

        var consumed = await Consume(queue, 1_000_000, token);
        await producer.WaitAsync(TimeSpan.FromSeconds(30), token);
        Assert.Equal(1_000_000, consumed);
        Assert.Equal(1_000_000, queue.Enqueued);
        Assert.Equal(0, queue.Count);
        Assert.False(queue.TryDequeue(out _));
    }

    [Fact]
    public async Task A_tiny_ring_parks_and_wakes_the_producer_constantly_without_losing_a_wake_up()
    {
        // Capacity 2: the producer parks on almost every frame, so every wake-up path (plain check after a
        // dequeue, fenced check when the ring runs dry, the producer's own re-check) is exercised many times.
        var queue = new SpscFrameQueue(2, new FramePool());
        var token = TestContext.Current.CancellationToken;
        var producer = Produce(queue, 50_000, token);
        var consumed = await Consume(queue, 50_000, token);
        await producer.WaitAsync(TimeSpan.FromSeconds(30), token);
        Assert.Equal(50_000, consumed);
        Assert.True(queue.Waits > 100, $"only {queue.Waits} waits");
    }

    private static Task Produce(SpscFrameQueue queue, long count, CancellationToken token) => Task.Run(async () =>
    {
        for (long i = 0; i < count; i++) await queue.EnqueueAsync(Frame(i), token);
    }, token);

    /// <summary>Dequeue on a dedicated thread (the ingress thread's role), checking order; completes with the count seen.
    /// Awaited rather than joined so that no thread-pool thread (which the parked producer needs) is blocked.</summary>
    private static async Task<long> Consume(SpscFrameQueue queue, long count, CancellationToken token)
    {
        var done = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        long expected = 0;
        var consumer = new Thread(() =>
        {
            try
            {
                while (expected < count && !token.IsCancellationRequested)
                {
                    if (!queue.TryDequeue(out var f))
                    {
                        Thread.SpinWait(4);
                        continue;
                    }
                    if (f.ReceiveTimeNs != expected) throw new InvalidOperationException($"expected {expected}, got {f.ReceiveTimeNs}");
                    Volatile.Write(ref expected, expected + 1);
                }
                done.TrySetResult(expected);
            }
            catch (Exception ex)
            {
                done.TrySetException(ex);
            }
        }) { IsBackground = true, Name = "spsc-consumer" };
        consumer.Start();
        try
        {
            // Generous: on a loaded 2-core machine every park/wake-up waits for a thread-pool thread.
            return await done.Task.WaitAsync(TimeSpan.FromSeconds(180), token);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"consumer at {Volatile.Read(ref expected)} of {count}; enqueued {queue.Enqueued}, " +
                $"count {queue.Count}, producer waiting {queue.IsProducerWaiting}, waits {queue.Waits}");
        }
    }

    [Fact]
    public async Task A_parked_producer_is_released_by_cancellation_and_keeps_ownership()
    {
        var pool = new FramePool();
        var queue = new SpscFrameQueue(2, pool);
        Assert.True(queue.TryEnqueue(Frame(0)));
        Assert.True(queue.TryEnqueue(Frame(1)));
        using var cts = new CancellationTokenSource();
        var pending = queue.EnqueueAsync(Frame(2, pool.Rent()), cts.Token).AsTask();
        await WaitUntil(() => queue.IsProducerWaiting, TestContext.Current.CancellationToken);
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pending);
        Assert.False(queue.IsProducerWaiting);
        Assert.Equal(2, queue.Count);
    }

    [Fact]
    public async Task A_parked_producer_wakes_when_the_consumer_drains_a_slot()
    {
        var queue = new SpscFrameQueue(2, new FramePool());
        Assert.True(queue.TryEnqueue(Frame(0)));
        Assert.True(queue.TryEnqueue(Frame(1)));
        var pending = queue.EnqueueAsync(Frame(2), TestContext.Current.CancellationToken).AsTask();
        await WaitUntil(() => queue.IsProducerWaiting, TestContext.Current.CancellationToken);
        Assert.True(queue.TryDequeue(out _));
        await pending.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        Assert.Equal(1, queue.Waits);
        Assert.True(queue.TryDequeue(out var f1));
        Assert.True(queue.TryDequeue(out var f2));
        Assert.Equal(1, f1.ReceiveTimeNs);
        Assert.Equal(2, f2.ReceiveTimeNs);
    }

    [Fact]
    public void Enqueue_and_dequeue_do_not_allocate()
    {
        var queue = new SpscFrameQueue(1024, new FramePool());
        var buffer = new byte[16];
        for (var i = 0; i < 2048; i++)
        {
            queue.TryEnqueue(Frame(i, buffer));
            queue.TryDequeue(out _);
        }
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100_000; i++)
        {
            _ = queue.EnqueueAsync(Frame(i, buffer), TestContext.Current.CancellationToken).IsCompletedSuccessfully;
            queue.TryEnqueue(Frame(i, buffer));
            queue.TryDequeue(out _);
            queue.TryDequeue(out _);
            queue.TryDequeue(out _);
        }
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void DrainAndRelease_returns_every_buffer()
    {
        var pool = new FramePool();
        var queue = new SpscFrameQueue(8, pool);
        for (var i = 0; i < 5; i++) queue.TryEnqueue(Frame(i, pool.Rent()));
        queue.TryEnqueue(FrameHandle.Marker(FrameHandleKind.Connected, Venue.Okx, 1, 1, 0));
        Assert.Equal(5, pool.Outstanding);
        Assert.Equal(6, queue.DrainAndRelease());
        Assert.Equal(0, pool.Outstanding);
    }

    internal static async Task WaitUntil(Func<bool> condition, CancellationToken token, int timeoutMs = 30_000)
    {
        var deadline = Environment.TickCount64 + timeoutMs;
        while (!condition())
        {
            if (Environment.TickCount64 > deadline) throw new TimeoutException("The condition did not become true in time.");
            await Task.Delay(5, token);
        }
    }
}

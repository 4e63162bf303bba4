using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Threading.Tasks.Sources;

namespace TBot.Adapters.Connections;

/// <summary>
/// Bounded lock-free single-producer / single-consumer queue of <see cref="FrameHandle"/>s: the hand-off from
/// one socket reader (async I/O, any thread-pool thread, but one at a time) to the ingress thread. A power-of-two
/// ring indexed by two ever-increasing counters; each side caches the other's counter and re-reads it only when
/// the ring looks full (producer) or empty (consumer), so the steady state touches no shared cache line but the
/// slot itself. When full, <see cref="EnqueueAsync"/> waits asynchronously until the consumer frees a slot
/// (backpressure — nothing is dropped) and counts the wait in <see cref="Waits"/>.
/// "Single producer" means one logical writer at a time: an async reader's successive calls may run on different
/// pool threads, which is fine because the await hand-off between them is itself a full barrier.
/// </summary>
public sealed class SpscFrameQueue
{
    private readonly FrameHandle[] _slots;
    private readonly int _mask;
    private readonly Waiter _waiter = new();
    private ProducerSide _producer;
    private ConsumerSide _consumer;

    public SpscFrameQueue(int capacity, FramePool pool)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 2);
        ArgumentNullException.ThrowIfNull(pool);
        capacity = (int)BitOperations.RoundUpToPowerOf2((uint)capacity);
        _slots = new FrameHandle[capacity];
        _mask = capacity - 1;
        Pool = pool;
    }

    /// <summary>Where the buffers of this queue's frames come from and go back to.</summary>
    public FramePool Pool { get; }

    public int Capacity => _slots.Length;

    /// <summary>Frames waiting (approximate when read from another thread).</summary>
    public int Count => (int)(Volatile.Read(ref _producer.Tail) - Volatile.Read(ref _consumer.Head));

    /// <summary>Frames ever enqueued.</summary>
    public long Enqueued => Volatile.Read(ref _producer.Tail);

    /// <summary>Times the producer found the queue full and had to wait.</summary>
    public long Waits => Volatile.Read(ref _producer.Waits);

    /// <summary>True while the producer is parked in <see cref="EnqueueAsync"/>.</summary>
    public bool IsProducerWaiting => Volatile.Read(ref _consumer.ProducerWaiting) != 0;

    /// <summary>Producer only. False when full (nothing is written then).</summary>
    public bool TryEnqueue(in FrameHandle frame)
    {
        var tail = _producer.Tail; // only this side writes Tail: a plain read is our own latest value
        if (tail - _producer.CachedHead >= _slots.Length)
        {
            // Acquire, pairing with the consumer's release of Head: once we see the new Head, the consumer has
            // finished reading (and clearing) the slot we are about to overwrite.
            _producer.CachedHead = Volatile.Read(ref _consumer.Head);
            if (tail - _producer.CachedHead >= _slots.Length) return false;
        }
        _slots[tail & _mask] = frame;
        // Release: the slot's contents are visible to any thread that sees the new Tail (x64 would keep the
        // order anyway; ARM64 needs the barrier this implies).
        Volatile.Write(ref _producer.Tail, tail + 1);
        return true;
    }

    /// <summary>Producer only. Enqueue, waiting asynchronously while the queue is full. Synchronous and
    /// allocation-free when there is room. On cancellation the frame was not enqueued: the caller still owns it.</summary>
    public ValueTask EnqueueAsync(in FrameHandle frame, CancellationToken cancellationToken = default) =>
        TryEnqueue(frame) ? ValueTask.CompletedTask : EnqueueSlowAsync(frame, cancellationToken);

    /// <summary>Consumer only. False when empty.</summary>
    public bool TryDequeue(out FrameHandle frame)
    {
        var head = _consumer.Head; // only this side writes Head
        if (head >= _consumer.CachedTail)
        {
            // Acquire, pairing with the producer's release of Tail: the slot's contents are visible.
            _consumer.CachedTail = Volatile.Read(ref _producer.Tail);
            if (head >= _consumer.CachedTail)
            {
                frame = default;
                WakeProducerWhenDrained();
                return false;
            }
        }
        ref var slot = ref _slots[head & _mask];
        frame = slot;
        slot = default; // do not keep the buffer reachable from the ring
        // Release: our read and clear of the slot happen before the producer can see it free.
        Volatile.Write(ref _consumer.Head, head + 1);
        _consumer.DequeuedSinceFence = true;
        // Fast wake-up in the common case; WakeProducerWhenDrained covers the race this plain read can lose.
        if (Volatile.Read(ref _consumer.ProducerWaiting) != 0) WakeProducer();
        return true;
    }

    /// <summary>Consumer only: give a dequeued frame's buffer back to the pool.</summary>
    public void Release(in FrameHandle frame) => Pool.Return(frame.Buffer);

    /// <summary>Consumer only: dequeue and release everything left (shutdown). Returns how many frames were dropped.</summary>
    public int DrainAndRelease()
    {
        var n = 0;
        while (TryDequeue(out var frame))
        {
            Release(frame);
            n++;
        }
        return n;
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask EnqueueSlowAsync(FrameHandle frame, CancellationToken cancellationToken)
    {
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            _waiter.Reset();
            // Dekker handshake with the consumer (see WakeProducerWhenDrained): the flag store must be visible
            // before we re-read Head inside TryEnqueue. Interlocked.Exchange is a full fence (StoreLoad).
            Interlocked.Exchange(ref _consumer.ProducerWaiting, 1);
            if (TryEnqueue(frame))
            {
                // Room appeared meanwhile. If the consumer already claimed the flag it is about to signal: take
                // that signal, so the waiter is idle before the next reuse (a late SetResult would hit it otherwise).
                if (Interlocked.Exchange(ref _consumer.ProducerWaiting, 0) == 0)
                    await new ValueTask(_waiter, _waiter.Version).ConfigureAwait(false);
                return;
            }
            Volatile.Write(ref _producer.Waits, _producer.Waits + 1);
            using (cancellationToken.UnsafeRegister(static state => ((SpscFrameQueue)state!).CancelWait(), this))
                await new ValueTask(_waiter, _waiter.Version).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The queue just ran empty. If we dequeued since the last check, make sure a producer that parked on a full
    /// ring is woken. The producer stores the flag, fences, then reads Head; we stored Head (the dequeue), fence
    /// here, then read the flag: with a full fence on both sides at least one sees the other's store, so either
    /// the producer saw room and did not park, or we see the flag. A parked producer implies a full ring, so we
    /// always dequeue at least once more and get here. The fence is paid once per busy→empty transition, not per
    /// idle poll.
    /// </summary>
    private void WakeProducerWhenDrained()
    {
        if (!_consumer.DequeuedSinceFence) return;
        _consumer.DequeuedSinceFence = false;
        Interlocked.MemoryBarrier();
        if (Volatile.Read(ref _consumer.ProducerWaiting) != 0) WakeProducer();
    }

    private void WakeProducer()
    {
        // Whoever flips the flag 1 → 0 owns the single completion of the current wait.
        if (Interlocked.Exchange(ref _consumer.ProducerWaiting, 0) == 1) _waiter.Signal();
    }

    private void CancelWait()
    {
        if (Interlocked.Exchange(ref _consumer.ProducerWaiting, 0) == 1) _waiter.Fail(new OperationCanceledException());
    }

    /// <summary>Fields written by the producer, padded onto their own cache line(s).</summary>
    [StructLayout(LayoutKind.Explicit, Size = 192)]
    private struct ProducerSide
    {
        [FieldOffset(64)] public long Tail;
        [FieldOffset(72)] public long CachedHead;
        [FieldOffset(80)] public long Waits;
    }

    /// <summary>Fields written by the consumer (and the rarely touched wait flag), padded likewise.</summary>
    [StructLayout(LayoutKind.Explicit, Size = 192)]
    private struct ConsumerSide
    {
        [FieldOffset(64)] public long Head;
        [FieldOffset(72)] public long CachedTail;
        [FieldOffset(80)] public int ProducerWaiting;
        [FieldOffset(84)] public bool DequeuedSinceFence;
    }

    /// <summary>The parked producer's reusable awaitable. Continuations run asynchronously so that the ingress
    /// thread never executes the socket reader's code inline when it signals.</summary>
    private sealed class Waiter : IValueTaskSource
    {
        private ManualResetValueTaskSourceCore<bool> _core = new() { RunContinuationsAsynchronously = true };

        public short Version => _core.Version;

        public void Reset() => _core.Reset();

        public void Signal() => _core.SetResult(true);

        public void Fail(Exception error) => _core.SetException(error);

        public void GetResult(short token) => _core.GetResult(token);

        public ValueTaskSourceStatus GetStatus(short token) => _core.GetStatus(token);

        public void OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
            _core.OnCompleted(continuation, state, token, flags);
    }
}

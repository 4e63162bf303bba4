using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace TBot.Engine.Ring;

/// <summary>
/// Sequencer for exactly one producer thread: claiming is plain arithmetic on fields only that thread
/// touches, and publishing is one release store of the cursor. This is the hot path's sequencer.
/// </summary>
public sealed class SingleProducerSequencer : Sequencer
{
    // Producer-only state, padded away from the cursor and from whatever the allocator puts next to us.
    private ProducerFields _fields;

    public SingleProducerSequencer(int bufferSize, IWaitStrategy waitStrategy)
        : base(bufferSize, waitStrategy)
    {
        _fields.NextValue = Sequence.InitialValue;
        _fields.CachedGating = Sequence.InitialValue;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public override long Next()
    {
        var next = _fields.NextValue + 1;
        // Fast path: the last known position of the slowest consumer already leaves room.
        if (next - BufferSize > _fields.CachedGating)
            return NextSlow(next);
        _fields.NextValue = next;
        return next;
    }

    public override long Next(int n)
    {
        if ((uint)(n - 1) >= (uint)BufferSize) ThrowBadClaim(n, BufferSize);
        var next = _fields.NextValue + n;
        if (next - BufferSize > _fields.CachedGating)
            return NextSlow(next);
        _fields.NextValue = next;
        return next;
    }

    /// <summary>The rare wrap-around wait: refresh the cached gating sequence, spinning while the ring is full.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private long NextSlow(long next)
    {
        var wrapPoint = next - BufferSize;
        // Full fence (StoreLoad): our earlier publishes are globally visible before we read consumer
        // sequences, so we never wait on a consumer view older than our own last publish. We deliberately
        // do not move the cursor here: a slot claimed but not yet published must never become visible.
        Interlocked.MemoryBarrier();
        long minSequence;
        long waitStart = 0;
        var spinner = new SpinWait();
        while (wrapPoint > (minSequence = MinimumGatingSequence(_fields.NextValue)))
        {
            if (waitStart == 0) waitStart = System.Diagnostics.Stopwatch.GetTimestamp();
            // A full ring means consumers are behind: wake them if they sleep, then back off.
            WaitStrategy.SignalAllWhenBlocking();
            spinner.SpinOnce(sleep1Threshold: -1);
        }
        if (waitStart != 0) RecordProducerWait(waitStart);
        _fields.CachedGating = minSequence;
        _fields.NextValue = next;
        return next;
    }

    public override bool TryNext(out long sequence)
    {
        if (!HasCapacity(1))
        {
            sequence = Sequence.InitialValue;
            return false;
        }
        sequence = ++_fields.NextValue;
        return true;
    }

    public override bool TryNext(int n, out long highest)
    {
        if ((uint)(n - 1) >= (uint)BufferSize) ThrowBadClaim(n, BufferSize);
        if (!HasCapacity(n))
        {
            highest = Sequence.InitialValue;
            return false;
        }
        highest = _fields.NextValue += n;
        return true;
    }

    private bool HasCapacity(int n)
    {
        var wrapPoint = _fields.NextValue + n - BufferSize;
        if (wrapPoint > _fields.CachedGating)
        {
            Interlocked.MemoryBarrier();
            var min = MinimumGatingSequence(_fields.NextValue);
            _fields.CachedGating = min;
            if (wrapPoint > min) return false;
        }
        return true;
    }

    /// <summary>Release store of the cursor: the event's fields written before this are visible to any
    /// consumer that acquire-reads a cursor value at or past <paramref name="sequence"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public override void Publish(long sequence)
    {
        Cursor.SetValue(sequence);
        if (SignalOnPublish) WaitStrategy.SignalAllWhenBlocking();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public override void Publish(long low, long high) => Publish(high);

    public override bool IsAvailable(long sequence)
    {
        var cursor = Cursor.Value;
        return sequence <= cursor && sequence > cursor - BufferSize;
    }

    public override long GetHighestPublishedSequence(long low, long available) => available;

    public override long RemainingCapacity()
    {
        var produced = _fields.NextValue;
        var consumed = MinimumGatingSequence(produced);
        return BufferSize - (produced - consumed);
    }

    [StructLayout(LayoutKind.Explicit, Size = Padding.Bytes * 2 + 16)]
    private struct ProducerFields
    {
        [FieldOffset(Padding.Bytes)] public long NextValue;
        [FieldOffset(Padding.Bytes + 8)] public long CachedGating;
    }
}

using System.Numerics;
using System.Runtime.CompilerServices;

namespace TBot.Engine.Ring;

/// <summary>
/// Sequencer for any number of producer threads (control-plane uses, not the market-data hot path).
/// Claims advance the cursor with a CAS; each slot's publication is recorded in an availability array
/// holding the lap number, so consumers can tell a published slot from a merely claimed one.
/// </summary>
public sealed class MultiProducerSequencer : Sequencer
{
    private readonly Sequence _gatingCache = new();
    private readonly int[] _available;
    private readonly int _indexMask;
    private readonly int _indexShift;

    public MultiProducerSequencer(int bufferSize, IWaitStrategy waitStrategy)
        : base(bufferSize, waitStrategy)
    {
        _available = new int[bufferSize];
        _indexMask = bufferSize - 1;
        _indexShift = BitOperations.Log2((uint)bufferSize);
        Array.Fill(_available, -1);
    }

    public override long Next() => Next(1);

    public override long Next(int n)
    {
        if ((uint)(n - 1) >= (uint)BufferSize) ThrowBadClaim(n, BufferSize);
        var spinner = new SpinWait();
        long waitStart = 0;
        while (true)
        {
            var current = Cursor.Value;
            var next = current + n;
            var wrapPoint = next - BufferSize;
            var cachedGating = _gatingCache.Value;
            if (wrapPoint > cachedGating || cachedGating > current)
            {
                var gating = MinimumGatingSequence(current);
                if (wrapPoint > gating)
                {
                    // The ring is full: time the wait (slow path only; the claim below still retries through here).
                    if (waitStart == 0) waitStart = System.Diagnostics.Stopwatch.GetTimestamp();
                    WaitStrategy.SignalAllWhenBlocking();
                    spinner.SpinOnce(sleep1Threshold: -1);
                    continue;
                }
                if (waitStart != 0)
                {
                    RecordProducerWait(waitStart);
                    waitStart = 0;
                }
                _gatingCache.SetValue(gating);
            }
            else if (Cursor.CompareAndSet(current, next))
            {
                return next;
            }
        }
    }

    public override bool TryNext(out long sequence) => TryNext(1, out sequence);

    public override bool TryNext(int n, out long highest)
    {
        if ((uint)(n - 1) >= (uint)BufferSize) ThrowBadClaim(n, BufferSize);
        while (true)
        {
            var current = Cursor.Value;
            var next = current + n;
            if (next - BufferSize > MinimumGatingSequence(current))
            {
                highest = Sequence.InitialValue;
                return false;
            }
            if (Cursor.CompareAndSet(current, next))
            {
                highest = next;
                return true;
            }
        }
    }

    public override void Publish(long sequence)
    {
        SetAvailable(sequence);
        if (SignalOnPublish) WaitStrategy.SignalAllWhenBlocking();
    }

    public override void Publish(long low, long high)
    {
        for (var s = low; s <= high; s++) SetAvailable(s);
        if (SignalOnPublish) WaitStrategy.SignalAllWhenBlocking();
    }

    /// <summary>Release store of the lap number: the slot's payload, written before, is visible to a
    /// consumer that acquire-reads this lap.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void SetAvailable(long sequence) =>
        Volatile.Write(ref _available[(int)sequence & _indexMask], (int)(sequence >>> _indexShift));

    public override bool IsAvailable(long sequence) =>
        Volatile.Read(ref _available[(int)sequence & _indexMask]) == (int)(sequence >>> _indexShift);

    public override long GetHighestPublishedSequence(long low, long available)
    {
        for (var s = low; s <= available; s++)
        {
            if (!IsAvailable(s)) return s - 1;
        }
        return available;
    }

    public override long RemainingCapacity()
    {
        var produced = Cursor.Value;
        return BufferSize - (produced - MinimumGatingSequence(produced));
    }
}

using System.Runtime.CompilerServices;

namespace TBot.Engine.Ring;

/// <summary>
/// Hands out ring positions to producers and tracks what has been published. Consumers' sequences are
/// registered as gating sequences: the sequencer never lets a producer claim a slot that the slowest
/// of them has not finished with.
/// </summary>
public abstract class Sequencer
{
    private protected readonly Sequence Cursor = new();
    private protected Sequence[] GatingSequences = [];
    private readonly object _gatingLock = new();

    protected Sequencer(int bufferSize, IWaitStrategy waitStrategy)
    {
        if (bufferSize < 1 || (bufferSize & (bufferSize - 1)) != 0)
            throw new ArgumentOutOfRangeException(nameof(bufferSize), bufferSize, "Ring size must be a positive power of two.");
        BufferSize = bufferSize;
        WaitStrategy = waitStrategy ?? throw new ArgumentNullException(nameof(waitStrategy));
        SignalOnPublish = waitStrategy.IsBlocking;
    }

    /// <summary>Cached <see cref="IWaitStrategy.IsBlocking"/>: publish skips the signal call for spinning strategies.</summary>
    private protected readonly bool SignalOnPublish;

    public int BufferSize { get; }

    private long _producerWaits;
    private long _producerWaitTicks;

    /// <summary>Claims that found the ring full and waited for the consumers (slow path only).</summary>
    public long ProducerWaits => Volatile.Read(ref _producerWaits);

    /// <summary>Total time producers spent waiting on a full ring.</summary>
    public TimeSpan ProducerWaitTime => TimeSpan.FromSeconds(Volatile.Read(ref _producerWaitTicks) / (double)System.Diagnostics.Stopwatch.Frequency);

    /// <summary>Count a finished wait that began at <paramref name="startTicks"/> (Stopwatch); any producer thread.</summary>
    private protected void RecordProducerWait(long startTicks)
    {
        Interlocked.Increment(ref _producerWaits);
        Interlocked.Add(ref _producerWaitTicks, System.Diagnostics.Stopwatch.GetTimestamp() - startTicks);
    }

    public IWaitStrategy WaitStrategy { get; }

    /// <summary>The published cursor as consumers see it (for the multi-producer sequencer: the highest claimed).</summary>
    public Sequence CursorSequence => Cursor;

    /// <summary>Current cursor value.</summary>
    public long CursorValue => Cursor.Value;

    /// <summary>Claim the next slot, waiting (spinning) while the ring is full.</summary>
    public abstract long Next();

    /// <summary>Claim <paramref name="n"/> consecutive slots; returns the highest.</summary>
    public abstract long Next(int n);

    /// <summary>Claim the next slot if there is room now; never waits.</summary>
    public abstract bool TryNext(out long sequence);

    /// <summary>Claim <paramref name="n"/> slots if there is room now; <paramref name="highest"/> is the last one.</summary>
    public abstract bool TryNext(int n, out long highest);

    /// <summary>Make a claimed slot visible to consumers.</summary>
    public abstract void Publish(long sequence);

    /// <summary>Make a claimed range visible to consumers.</summary>
    public abstract void Publish(long low, long high);

    /// <summary>Whether <paramref name="sequence"/> has been published.</summary>
    public abstract bool IsAvailable(long sequence);

    /// <summary>Highest sequence in [<paramref name="low"/>, <paramref name="available"/>] up to which
    /// every slot is published (multi-producer claims may publish out of order).</summary>
    public abstract long GetHighestPublishedSequence(long low, long available);

    /// <summary>Free slots, given the slowest gating consumer.</summary>
    public abstract long RemainingCapacity();

    /// <summary>Register consumer sequences that must not be lapped. Done at set-up, before publishing.</summary>
    public void AddGatingSequences(params Sequence[] sequences)
    {
        lock (_gatingLock)
        {
            var cursor = Cursor.Value;
            var next = new Sequence[GatingSequences.Length + sequences.Length];
            Array.Copy(GatingSequences, next, GatingSequences.Length);
            for (var i = 0; i < sequences.Length; i++)
            {
                sequences[i].SetValue(cursor);
                next[GatingSequences.Length + i] = sequences[i];
            }
            Volatile.Write(ref GatingSequences, next);
        }
    }

    /// <summary>Remove a gating sequence (e.g. a consumer that was halted for good).</summary>
    public bool RemoveGatingSequence(Sequence sequence)
    {
        lock (_gatingLock)
        {
            var index = Array.IndexOf(GatingSequences, sequence);
            if (index < 0) return false;
            var next = new Sequence[GatingSequences.Length - 1];
            Array.Copy(GatingSequences, 0, next, 0, index);
            Array.Copy(GatingSequences, index + 1, next, index, next.Length - index);
            Volatile.Write(ref GatingSequences, next);
            return true;
        }
    }

    /// <summary>Smallest gating sequence, or <paramref name="whenNone"/> when no consumer is registered.</summary>
    public long MinimumGatingSequence(long whenNone) => SequenceGroup.Minimum(Volatile.Read(ref GatingSequences), whenNone);

    /// <summary>A barrier for a consumer that depends on <paramref name="dependencies"/> (none: the cursor).</summary>
    public SequenceBarrier NewBarrier(params Sequence[] dependencies) => new(this, dependencies);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private protected static void ThrowBadClaim(int n, int bufferSize) =>
        throw new ArgumentOutOfRangeException(nameof(n), n, $"Claim size must be between 1 and the ring size ({bufferSize}).");
}

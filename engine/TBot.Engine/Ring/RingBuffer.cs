using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace TBot.Engine.Ring;

/// <summary>
/// A power-of-two ring of preallocated unmanaged structs. Producers claim a slot, fill it in place by
/// reference and publish it; consumers read it in place. Nothing is allocated per event.
/// </summary>
/// <typeparam name="T">The event type: unmanaged, so slots hold no references for the GC to trace.</typeparam>
public sealed class RingBuffer<T> where T : unmanaged
{
    private readonly T[] _entries;
    private readonly int _pad;
    private readonly long _mask;
    private readonly Sequencer _sequencer;
    // The hot path's sequencer, typed concretely so Next/Publish inline instead of dispatching virtually.
    private readonly SingleProducerSequencer? _single;

    public RingBuffer(Sequencer sequencer)
    {
        _sequencer = sequencer ?? throw new ArgumentNullException(nameof(sequencer));
        _single = sequencer as SingleProducerSequencer;
        _pad = Padding.RingSlots(Unsafe.SizeOf<T>());
        _mask = sequencer.BufferSize - 1;
        // Pinned: slots never move, and the array sits on the pinned object heap, outside gen0 churn.
        _entries = GC.AllocateArray<T>(sequencer.BufferSize + 2 * _pad, pinned: true);
    }

    /// <summary>A ring for one producer thread.</summary>
    public static RingBuffer<T> CreateSingleProducer(int bufferSize, IWaitStrategy waitStrategy) =>
        new(new SingleProducerSequencer(bufferSize, waitStrategy));

    /// <summary>A ring for several producer threads.</summary>
    public static RingBuffer<T> CreateMultiProducer(int bufferSize, IWaitStrategy waitStrategy) =>
        new(new MultiProducerSequencer(bufferSize, waitStrategy));

    public static RingBuffer<T> Create(ProducerType producerType, int bufferSize, IWaitStrategy waitStrategy) =>
        producerType == ProducerType.Single
            ? CreateSingleProducer(bufferSize, waitStrategy)
            : CreateMultiProducer(bufferSize, waitStrategy);

    public int BufferSize => _sequencer.BufferSize;

    public Sequencer Sequencer => _sequencer;

    /// <summary>Last published (single producer) or claimed (multi producer) sequence.</summary>
    public long Cursor => _sequencer.CursorValue;

    /// <summary>The slot for <paramref name="sequence"/>, by reference.</summary>
    public ref T this[long sequence]
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_entries), _pad + (int)(sequence & _mask));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long Next() => _single is { } single ? single.Next() : _sequencer.Next();

    public long Next(int n) => _sequencer.Next(n);

    public bool TryNext(out long sequence) => _sequencer.TryNext(out sequence);

    public bool TryNext(int n, out long highest) => _sequencer.TryNext(n, out highest);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Publish(long sequence)
    {
        if (_single is { } single) single.Publish(sequence);
        else _sequencer.Publish(sequence);
    }

    public void Publish(long low, long high) => _sequencer.Publish(low, high);

    /// <summary>Claim one slot; the returned scope publishes it when disposed (<c>using var s = ring.Claim();</c>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ClaimScope Claim() => new(this, Next());

    public long RemainingCapacity() => _sequencer.RemainingCapacity();

    public void AddGatingSequences(params Sequence[] sequences) => _sequencer.AddGatingSequences(sequences);

    public bool RemoveGatingSequence(Sequence sequence) => _sequencer.RemoveGatingSequence(sequence);

    public SequenceBarrier NewBarrier(params Sequence[] dependencies) => _sequencer.NewBarrier(dependencies);

    /// <summary>A claimed slot that is published when the scope ends, even if filling it threw.</summary>
    public readonly ref struct ClaimScope
    {
        private readonly RingBuffer<T> _ring;

        internal ClaimScope(RingBuffer<T> ring, long sequence)
        {
            _ring = ring;
            Sequence = sequence;
        }

        public long Sequence { get; }

        public ref T Event => ref _ring[Sequence];

        public void Dispose() => _ring.Publish(Sequence);
    }
}

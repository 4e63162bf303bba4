using BenchmarkDotNet.Attributes;
using TBot.Engine.Ring;

namespace TBot.Perf.Benchmarks.Ring;

/// <summary>
/// Producer-side cost of claiming and publishing, on one thread. No consumer thread exists: a gating
/// sequence stands in for the consumer and is advanced by the benchmark itself after each invocation
/// (to the last published sequence), so the producer never waits for a real consumer but still takes the
/// sequencer's gating-refresh slow path once per lap, exactly as it would with a consumer keeping up.
/// </summary>
[MemoryDiagnoser]
public class SequencerBenchmarks
{
    /// <summary>Events per invocation; a quarter of the ring, so a claim never has to wait.</summary>
    public const int Events = 1024;

    /// <summary>Slots per batch claim.</summary>
    public const int BatchSize = 16;

    private const int RingSize = 4096;

    private RingBuffer<BenchEvent> _single = null!;
    private RingBuffer<BenchEvent> _multi = null!;
    private Sequence _singleConsumer = null!;
    private Sequence _multiConsumer = null!;

    [GlobalSetup]
    public void Setup()
    {
        // The wait strategy is irrelevant here (nobody waits): busy-spin has the cheapest SignalAllWhenBlocking.
        _single = RingBuffer<BenchEvent>.CreateSingleProducer(RingSize, new BusySpinWaitStrategy());
        _multi = RingBuffer<BenchEvent>.CreateMultiProducer(RingSize, new BusySpinWaitStrategy());
        _singleConsumer = new Sequence();
        _multiConsumer = new Sequence();
        _single.AddGatingSequences(_singleConsumer);
        _multi.AddGatingSequences(_multiConsumer);
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Events)]
    public long SingleProducer_NextPublish()
    {
        var ring = _single;
        var s = Sequence.InitialValue;
        for (var i = 0; i < Events; i++)
        {
            s = ring.Next();
            ref var e = ref ring[s];
            e.Value = i;
            e.Aux = s;
            ring.Publish(s);
        }
        _singleConsumer.SetValue(s);
        return s;
    }

    [Benchmark(OperationsPerInvoke = Events)]
    public long SingleProducer_NextBatch()
    {
        var ring = _single;
        var hi = Sequence.InitialValue;
        for (var i = 0; i < Events; i += BatchSize)
        {
            hi = ring.Next(BatchSize);
            var lo = hi - (BatchSize - 1);
            for (var s = lo; s <= hi; s++)
            {
                ref var e = ref ring[s];
                e.Value = i;
                e.Aux = s;
            }
            ring.Publish(lo, hi);
        }
        _singleConsumer.SetValue(hi);
        return hi;
    }

    [Benchmark(OperationsPerInvoke = Events)]
    public long SingleProducer_ClaimScope()
    {
        var ring = _single;
        var s = Sequence.InitialValue;
        for (var i = 0; i < Events; i++)
        {
            using var claim = ring.Claim();
            ref var e = ref claim.Event;
            e.Value = i;
            e.Aux = claim.Sequence;
            s = claim.Sequence;
        }
        _singleConsumer.SetValue(s);
        return s;
    }

    [Benchmark(OperationsPerInvoke = Events)]
    public long MultiProducer_NextPublish()
    {
        var ring = _multi;
        var s = Sequence.InitialValue;
        for (var i = 0; i < Events; i++)
        {
            s = ring.Next();
            ref var e = ref ring[s];
            e.Value = i;
            e.Aux = s;
            ring.Publish(s);
        }
        _multiConsumer.SetValue(s);
        return s;
    }

    [Benchmark(OperationsPerInvoke = Events)]
    public long MultiProducer_NextBatch()
    {
        var ring = _multi;
        var hi = Sequence.InitialValue;
        for (var i = 0; i < Events; i += BatchSize)
        {
            hi = ring.Next(BatchSize);
            var lo = hi - (BatchSize - 1);
            for (var s = lo; s <= hi; s++)
            {
                ref var e = ref ring[s];
                e.Value = i;
                e.Aux = s;
            }
            ring.Publish(lo, hi);
        }
        _multiConsumer.SetValue(hi);
        return hi;
    }
}

using TBot.Engine.Ring;

namespace TBot.Engine.Tests.Infrastructure;

/// <summary>Records the lifecycle calls of a handler: how often and on which thread.</summary>
public abstract class LifecycleRecorder
{
    private int _startCalls;
    private int _shutdownCalls;
    private int _eventThreadId = -1;
    private volatile Thread? _thread;

    public int StartCalls => Volatile.Read(ref _startCalls);
    public int ShutdownCalls => Volatile.Read(ref _shutdownCalls);
    public int StartThreadId { get; private set; } = -1;
    public int ShutdownThreadId { get; private set; } = -1;
    public string? StartThreadName { get; private set; }

    /// <summary>The processor thread, as seen in OnStart.</summary>
    public Thread? Thread => _thread;

    /// <summary>Thread of the first event; <see cref="ThreadSwitches"/> counts events seen on any other thread.</summary>
    public int EventThreadId => _eventThreadId;
    public int ThreadSwitches { get; private set; }

    public void OnStart()
    {
        Interlocked.Increment(ref _startCalls);
        StartThreadId = Environment.CurrentManagedThreadId;
        StartThreadName = System.Threading.Thread.CurrentThread.Name;
        _thread = System.Threading.Thread.CurrentThread;
    }

    public void OnShutdown()
    {
        ShutdownThreadId = Environment.CurrentManagedThreadId;
        Interlocked.Increment(ref _shutdownCalls);
    }

    protected void RecordEventThread()
    {
        var id = Environment.CurrentManagedThreadId;
        if (_eventThreadId == -1) _eventThreadId = id;
        else if (id != _eventThreadId) ThreadSwitches++;
    }
}

/// <summary>Checks <see cref="SeqEvent"/>s: consecutive sequences, the slot still holds the event of that sequence
/// (the producer did not overwrite it) and its payload is complete. Errors are recorded, never thrown.</summary>
public sealed class SeqCheckingHandler : LifecycleRecorder, IEventHandler<SeqEvent>
{
    private long _count;
    private long _last = -1;
    private int _errors;

    public long Count => Volatile.Read(ref _count);
    public long Last => Volatile.Read(ref _last);
    public int Errors => Volatile.Read(ref _errors);
    public string? FirstError { get; private set; }
    public int EndOfBatchCount { get; private set; }
    public long LastEndOfBatch { get; private set; } = -1;

    /// <summary>Called for every event after the checks (e.g. to slow the consumer down).</summary>
    public Action<long>? OnEach { get; set; }

    public void OnEvent(ref SeqEvent evt, long sequence, bool endOfBatch)
    {
        RecordEventThread();
        if (sequence != _last + 1) Fail($"expected sequence {_last + 1}, got {sequence}");
        if (evt.Sequence != sequence) Fail($"slot for {sequence} holds event {evt.Sequence}");
        if (evt.Value != SeqEvent.PayloadFor(sequence)) Fail($"event {sequence} has payload {evt.Value}");
        OnEach?.Invoke(sequence);
        if (evt.Sequence != sequence) Fail($"slot for {sequence} was overwritten with {evt.Sequence} while being handled");
        if (endOfBatch)
        {
            EndOfBatchCount++;
            LastEndOfBatch = sequence;
        }
        Volatile.Write(ref _last, sequence);
        Volatile.Write(ref _count, _count + 1);
    }

    private void Fail(string message)
    {
        if (Interlocked.Increment(ref _errors) == 1) FirstError = message;
    }

    public void AssertClean()
    {
        Assert.True(Errors == 0, $"{Errors} errors; first: {FirstError}");
        Assert.Equal(0, ThreadSwitches);
    }
}

/// <summary>
/// One stage (A, B, C or D) of a handler graph over <see cref="StageEvent"/>. Per event it checks: sequences arrive
/// in order without gaps; the slot still holds that event; every upstream stage has already written its marker for
/// this very event (markers hold the sequence, so a stale marker from an earlier lap does not count) and every
/// upstream sequence has reached it; then it writes its own marker. Errors are recorded, never thrown.
/// </summary>
public sealed class StageHandler : LifecycleRecorder, IEventHandler<StageEvent>
{
    private readonly int _stage;
    private readonly int[] _upstreamStages;
    private long _count;
    private long _last = -1;
    private int _errors;
    private int _thrown;

    public StageHandler(int stage, params int[] upstreamStages)
    {
        _stage = stage;
        _upstreamStages = upstreamStages;
    }

    public string Name => ((char)('A' + _stage)).ToString();

    /// <summary>The first sequence this handler should see (default 0).</summary>
    public void ExpectFrom(long first) => _last = first - 1;

    /// <summary>Sequences of the upstream handlers, checked to be at or past each event (set after registration).</summary>
    public Sequence[] UpstreamSequences { get; set; } = [];

    /// <summary>When set, the handler throws on the sequences for which it returns true.</summary>
    public Func<long, bool>? ThrowOn { get; set; }

    /// <summary>Upstream events that an upstream handler skipped (threw on): their markers are not required.</summary>
    public Func<long, bool>? UpstreamSkips { get; set; }

    /// <summary>Called for every event after the checks and before the marker is written.</summary>
    public Action<long>? OnEach { get; set; }

    public long Count => Volatile.Read(ref _count);
    public long Last => Volatile.Read(ref _last);
    public int Errors => Volatile.Read(ref _errors);
    public int Thrown => Volatile.Read(ref _thrown);
    public string? FirstError { get; private set; }

    public void OnEvent(ref StageEvent evt, long sequence, bool endOfBatch)
    {
        RecordEventThread();
        if (sequence != _last + 1) Fail($"{Name}: expected sequence {_last + 1}, got {sequence}");
        if (evt.Sequence != sequence) Fail($"{Name}: slot for {sequence} holds event {evt.Sequence}");
        if (StageEvent.Marker(ref evt, _stage) != -1) Fail($"{Name}: own marker already set on {sequence}");
        var skipped = UpstreamSkips is not null && UpstreamSkips(sequence);
        if (!skipped)
        {
            for (var i = 0; i < _upstreamStages.Length; i++)
            {
                var marker = StageEvent.Marker(ref evt, _upstreamStages[i]);
                if (marker != sequence) Fail($"{Name}: upstream {(char)('A' + _upstreamStages[i])} marker is {marker} on event {sequence}");
            }
        }
        for (var i = 0; i < UpstreamSequences.Length; i++)
        {
            var upstream = UpstreamSequences[i].Value;
            if (upstream < sequence) Fail($"{Name}: upstream sequence {upstream} behind event {sequence}");
        }
        OnEach?.Invoke(sequence);
        if (ThrowOn is not null && ThrowOn(sequence))
        {
            Volatile.Write(ref _last, sequence); // seen, though not handled
            Interlocked.Increment(ref _thrown);
            throw new InvalidOperationException($"{Name} fails on {sequence}");
        }
        StageEvent.Marker(ref evt, _stage) = sequence;
        Volatile.Write(ref _last, sequence);
        Volatile.Write(ref _count, _count + 1);
    }

    private void Fail(string message)
    {
        if (Interlocked.Increment(ref _errors) == 1) FirstError = message;
    }

    public void AssertClean()
    {
        Assert.True(Errors == 0, $"{Errors} errors; first: {FirstError}");
        Assert.Equal(0, ThreadSwitches);
    }
}

public static class Produce
{
    /// <summary>Publish <paramref name="count"/> <see cref="SeqEvent"/>s, one claim per event.</summary>
    public static void Seq(RingBuffer<SeqEvent> ring, long count)
    {
        for (var i = 0L; i < count; i++)
        {
            var s = ring.Next();
            ref var e = ref ring[s];
            e.Sequence = s;
            e.Value = SeqEvent.PayloadFor(s);
            ring.Publish(s);
        }
    }

    /// <summary>Publish <paramref name="count"/> <see cref="StageEvent"/>s with every marker cleared.</summary>
    public static void Stages(RingBuffer<StageEvent> ring, long count)
    {
        for (var i = 0L; i < count; i++)
        {
            var s = ring.Next();
            ref var e = ref ring[s];
            e.Sequence = s;
            e.A = -1;
            e.B = -1;
            e.C = -1;
            e.D = -1;
            ring.Publish(s);
        }
    }
}

using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace TBot.Engine.Ring;

/// <summary>
/// Runs one or more handlers over batches of available events on one thread. With several handlers the
/// processor is "fused": each handler takes the whole batch in turn, in the order given, which is the same
/// order a chain of dedicated threads would impose, without the hand-offs between cores.
/// Each handler has its own <see cref="Sequence"/>, advanced after it finishes a batch, so other consumers
/// may depend on any handler in the fused chain.
/// </summary>
public sealed class BatchEventProcessor<T> where T : unmanaged
{
    private readonly RingBuffer<T> _ring;
    private readonly SequenceBarrier _barrier;
    private readonly IEventHandler<T>[] _handlers;
    private readonly string[] _handlerNames;
    private readonly Sequence[] _sequences;
    private readonly HandlerExceptionPolicy _policy;
    private readonly ILogger _logger;
    private readonly ManualResetEventSlim _stopped = new(initialState: true);
    private int _state;
    // True until a Run ends (and again after ResetFault): a Halt that finds the processor Idle then means
    // "Run is about to start", not "already stopped".
    private volatile bool _runPending = true;
    private long _batches;
    private long _events;
    private long _exceptions;

    public BatchEventProcessor(
        string name,
        RingBuffer<T> ring,
        SequenceBarrier barrier,
        IEventHandler<T>[] handlers,
        HandlerExceptionPolicy policy = HandlerExceptionPolicy.SkipEvent,
        ILogger? logger = null,
        Sequence[]? sequences = null,
        string[]? handlerNames = null)
    {
        ArgumentNullException.ThrowIfNull(handlers);
        if (handlers.Length == 0) throw new ArgumentException("A processor needs at least one handler.", nameof(handlers));
        if (sequences is not null && sequences.Length != handlers.Length)
            throw new ArgumentException("One sequence per handler.", nameof(sequences));
        Name = name;
        _ring = ring;
        _barrier = barrier;
        _handlers = (IEventHandler<T>[])handlers.Clone();
        _handlerNames = handlerNames ?? Array.ConvertAll(handlers, h => h.GetType().Name);
        _sequences = sequences ?? Array.ConvertAll(handlers, _ => new Sequence());
        _policy = policy;
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>A processor with a single handler.</summary>
    public BatchEventProcessor(string name, RingBuffer<T> ring, SequenceBarrier barrier, IEventHandler<T> handler,
        HandlerExceptionPolicy policy = HandlerExceptionPolicy.SkipEvent, ILogger? logger = null)
        : this(name, ring, barrier, [handler], policy, logger)
    {
    }

    public string Name { get; }

    /// <summary>The last handler's sequence: every handler of this processor has finished up to it.</summary>
    public Sequence Sequence => _sequences[^1];

    /// <summary>Per-handler sequences, in handler order.</summary>
    public IReadOnlyList<Sequence> HandlerSequences => _sequences;

    public SequenceBarrier Barrier => _barrier;

    public ProcessorState State => (ProcessorState)Volatile.Read(ref _state);

    public bool IsRunning => State is ProcessorState.Running or ProcessorState.Halting;

    /// <summary>Batches taken from the barrier so far.</summary>
    public long Batches => Volatile.Read(ref _batches);

    /// <summary>Events processed so far (by all handlers).</summary>
    public long Events => Volatile.Read(ref _events);

    /// <summary>Exceptions thrown by handlers so far.</summary>
    public long Exceptions => Volatile.Read(ref _exceptions);

    /// <summary>Average events per batch: ~1 means the consumer keeps up event by event; equal to the ring
    /// size means producer and consumer took turns on one core rather than running at the same time.</summary>
    public double AverageBatch => Batches == 0 ? 0 : (double)Events / Batches;

    /// <summary>The exception that halted the processor under <see cref="HandlerExceptionPolicy.Halt"/>.</summary>
    public Exception? Fault { get; private set; }

    /// <summary>The processor loop. Runs on the calling thread until <see cref="Halt"/> or a fault.</summary>
    public void Run()
    {
        // Clear a stale alert before taking the Running state, so that a Halt racing with start-up is never lost:
        // either Halt sees Running and alerts after this point, or it already moved Idle → Halting and we re-alert.
        _barrier.ClearAlert();
        var previous = Interlocked.CompareExchange(ref _state, (int)ProcessorState.Running, (int)ProcessorState.Idle);
        if (previous == (int)ProcessorState.Halting)
        {
            // Halted before it ran: still drain what is available, then stop.
            _barrier.Alert();
        }
        else if (previous != (int)ProcessorState.Idle)
        {
            throw new InvalidOperationException($"Processor '{Name}' is already running (or faulted; reset it first).");
        }
        _stopped.Reset();
        var faulted = false;
        try
        {
            for (var i = 0; i < _handlers.Length; i++) _handlers[i].OnStart();
            faulted = !Loop();
        }
        finally
        {
            for (var i = 0; i < _handlers.Length; i++) NotifyShutdown(i);
            _runPending = false;
            Volatile.Write(ref _state, faulted ? (int)ProcessorState.Faulted : (int)ProcessorState.Idle);
            _stopped.Set();
        }
    }

    /// <summary>Returns false when the processor stopped because of a handler fault.</summary>
    private bool Loop()
    {
        var next = _sequences[^1].Value + 1;
        while (true)
        {
            var available = _barrier.WaitFor(next);
            if (available >= next)
            {
                if (!ProcessBatch(next, available)) return false;
                _batches++;
                _events += available - next + 1;
                next = available + 1;
            }
            else if (_barrier.IsAlerted && Volatile.Read(ref _state) == (int)ProcessorState.Halting)
            {
                // `available` may have been read just before the alert, while upstream was still finishing its last
                // batch. Upstream stopped before we were alerted, so one more look after seeing the alert is final.
                if (_barrier.WaitFor(next) < next) return true;
            }
        }
    }

    private bool ProcessBatch(long low, long high)
    {
        var handlers = _handlers;
        var ring = _ring;
        var ok = true;
        for (var i = 0; i < handlers.Length; i++)
        {
            var handler = handlers[i];
            var s = low;
            while (s <= high)
            {
                try
                {
                    for (; s <= high; s++)
                        handler.OnEvent(ref ring[s], s, s == high);
                }
                catch (Exception ex)
                {
                    if (!OnHandlerException(ex, i, s))
                    {
                        // Earlier fused handlers finished the batch; this one stops before s. Later fused handlers
                        // still take the events before s (as they would on their own threads), then we stop.
                        high = s - 1;
                        ok = false;
                        break;
                    }
                    s++;
                }
            }
            // Release: the slot contents this handler wrote are visible to whoever acquires this sequence.
            _sequences[i].SetValue(high);
        }
        return ok;
    }

    private bool OnHandlerException(Exception ex, int handlerIndex, long sequence)
    {
        var count = Interlocked.Increment(ref _exceptions);
        // Rate-limited: the first ten, then every ten-thousandth, so a handler that throws on every event cannot flood the log.
        if (count <= 10 || count % 10_000 == 0)
        {
            _logger.LogError(ex, "Handler {Handler} on processor {Processor} threw at sequence {Sequence} ({Count} so far); policy {Policy}",
                _handlerNames[handlerIndex], Name, sequence, count, _policy);
        }
        if (_policy == HandlerExceptionPolicy.SkipEvent) return true;
        Fault ??= ex; // the first fault is the cause; a later fused handler may fail too while catching up
        return false;
    }

    private void NotifyShutdown(int index)
    {
        try
        {
            _handlers[index].OnShutdown();
        }
        catch (Exception ex)
        {
            Interlocked.Increment(ref _exceptions);
            _logger.LogError(ex, "Handler {Handler} on processor {Processor} threw in OnShutdown", _handlerNames[index], Name);
        }
    }

    /// <summary>Ask the loop to stop once nothing more is available; the caller should have stopped
    /// producers and waited for upstream processors first (<see cref="EventPipeline{T}.Halt"/> does that).</summary>
    public void Halt()
    {
        // Running → Halting, or Idle → Halting when Run has not started yet (Run then drains and stops at once).
        // Retry when the state moves under us (Run taking Idle → Running between a failed CAS and the next one),
        // otherwise that halt would be lost. A processor that already ran and stopped stays Idle.
        while (true)
        {
            var state = Volatile.Read(ref _state);
            if (state != (int)ProcessorState.Running && (state != (int)ProcessorState.Idle || !_runPending)) break;
            if (Interlocked.CompareExchange(ref _state, (int)ProcessorState.Halting, state) == state) break;
        }
        _barrier.Alert();
    }

    /// <summary>Wait for the loop to return. Only meaningful once <see cref="Run"/> has started; a processor
    /// halted before its thread ran reports stopped at once (join the thread to wait for its drain).</summary>
    public bool WaitForStop(TimeSpan timeout) => _stopped.Wait(timeout);

    /// <summary>Allow a faulted processor to run again (it resumes after its last completed sequence).</summary>
    public void ResetFault()
    {
        if (Interlocked.CompareExchange(ref _state, (int)ProcessorState.Idle, (int)ProcessorState.Faulted) == (int)ProcessorState.Faulted)
        {
            Fault = null;
            _runPending = true;
        }
    }
}

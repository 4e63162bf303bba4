using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using TBot.Engine.Threading;

namespace TBot.Engine.Ring;

/// <summary>
/// A graph of handlers over one ring: chains (<c>A → B → C</c>), fan-out (<c>A → (B, C)</c>) and diamonds
/// (<c>A → (B, C) → D</c>). Register handlers, <see cref="Start"/>, publish, then <see cref="Halt"/>,
/// which drains every published event through the whole graph before the threads exit.
/// </summary>
public sealed class EventPipeline<T> where T : unmanaged
{
    private readonly RingBuffer<T> _ring;
    private readonly PipelineOptions _options;
    private readonly ILogger _logger;
    private readonly List<Node> _nodes = [];
    private readonly List<BatchEventProcessor<T>> _processors = [];
    private readonly List<Thread> _threads = [];
    private Sequence[] _leaves = [];
    private bool _started;

    public EventPipeline(RingBuffer<T> ring, PipelineOptions? options = null, ILogger? logger = null)
    {
        _ring = ring ?? throw new ArgumentNullException(nameof(ring));
        _options = options ?? new PipelineOptions();
        _logger = logger ?? NullLogger.Instance;
    }

    public RingBuffer<T> Ring => _ring;

    /// <summary>Processors created by <see cref="Start"/>, in dependency order.</summary>
    public IReadOnlyList<BatchEventProcessor<T>> Processors => _processors;

    /// <summary>Whether the handlers were fused on one thread (decided at <see cref="Start"/>).</summary>
    public bool IsFused { get; private set; }

    /// <summary>True when any processor stopped on a handler fault (policy Halt).</summary>
    public bool IsFaulted
    {
        get
        {
            foreach (var p in _processors)
                if (p.State == ProcessorState.Faulted) return true;
            return false;
        }
    }

    /// <summary>Handlers that read straight after the producer, in parallel with each other.</summary>
    public HandlerGroup<T> HandleEventsWith(params IEventHandler<T>[] handlers) => Add([], handlers);

    /// <summary>A named (optionally pinned) handler straight after the producer.</summary>
    public HandlerGroup<T> HandleEventsWith(string name, IEventHandler<T> handler, int? cpu = null) => Add([], name, handler, cpu);

    /// <summary>Start a registration that depends on several groups (the join of a diamond).</summary>
    public HandlerGroup<T> After(params HandlerGroup<T>[] groups)
    {
        var deps = new List<Sequence>();
        foreach (var g in groups) deps.AddRange(g.Sequences);
        return new HandlerGroup<T>(this, deps.ToArray());
    }

    internal HandlerGroup<T> Add(Sequence[] dependencies, IEventHandler<T>[] handlers)
    {
        var sequences = new Sequence[handlers.Length];
        for (var i = 0; i < handlers.Length; i++)
        {
            var name = handlers[i].GetType().Name;
            sequences[i] = AddNode(dependencies, name, handlers[i], null);
        }
        return new HandlerGroup<T>(this, sequences);
    }

    internal HandlerGroup<T> Add(Sequence[] dependencies, string name, IEventHandler<T> handler, int? cpu) =>
        new(this, [AddNode(dependencies, name, handler, cpu)]);

    private Sequence AddNode(Sequence[] dependencies, string name, IEventHandler<T> handler, int? cpu)
    {
        if (_started) throw new InvalidOperationException("Handlers must be registered before Start.");
        ArgumentNullException.ThrowIfNull(handler);
        var node = new Node(name, handler, new Sequence(), dependencies, cpu);
        _nodes.Add(node);
        return node.Sequence;
    }

    /// <summary>Create processors and threads, gate the producer on the graph's leaves, and start.</summary>
    public void Start()
    {
        if (_started) throw new InvalidOperationException("Pipeline already started.");
        if (_nodes.Count == 0) throw new InvalidOperationException("No handlers registered.");
        _started = true;

        IsFused = _options.Threading switch
        {
            ThreadingMode.Fused => true,
            ThreadingMode.Dedicated => false,
            _ => _nodes.Count > 1 && _nodes.Count + _options.ProducerThreads > _options.Cores && Spins(_ring.Sequencer.WaitStrategy),
        };

        // Every handler starts at the current cursor (a ring may already carry events from an earlier pipeline);
        // leaves (no one depends on them) gate the producer: they are the slowest by construction.
        var cursor = _ring.Cursor;
        foreach (var node in _nodes) node.Sequence.SetValue(cursor);
        _leaves = Leaves();
        _ring.AddGatingSequences(_leaves);

        if (IsFused)
        {
            // Registration order is a valid topological order: a node can only depend on nodes registered before it.
            var handlers = new IEventHandler<T>[_nodes.Count];
            var sequences = new Sequence[_nodes.Count];
            var names = new string[_nodes.Count];
            for (var i = 0; i < _nodes.Count; i++)
            {
                handlers[i] = _nodes[i].Handler;
                sequences[i] = _nodes[i].Sequence;
                names[i] = _nodes[i].Name;
            }
            var processor = new BatchEventProcessor<T>($"{_options.Name}-fused", _ring, _ring.NewBarrier(),
                handlers, _options.ExceptionPolicy, _logger, sequences, names);
            _processors.Add(processor);
            _logger.LogInformation("Pipeline {Pipeline}: {Count} handlers fused on one thread ({Cores} cores)", _options.Name, _nodes.Count, _options.Cores);
            _threads.Add(DedicatedThread.Start(processor.Name, _options.FusedCpu, processor.Run, _logger));
            return;
        }

        foreach (var node in _nodes)
        {
            var processor = new BatchEventProcessor<T>($"{_options.Name}-{node.Name}", _ring, _ring.NewBarrier(node.Dependencies),
                [node.Handler], _options.ExceptionPolicy, _logger, [node.Sequence], [node.Name]);
            _processors.Add(processor);
        }
        for (var i = 0; i < _processors.Count; i++)
        {
            var p = _processors[i];
            _threads.Add(DedicatedThread.Start(p.Name, _nodes[i].Cpu, p.Run, _logger));
        }
    }

    /// <summary>
    /// Drain and stop. Producers must have stopped publishing. Processors are halted in dependency order,
    /// each only after the ones it depends on have stopped, so every published event reaches every handler
    /// (except events held back by a faulted handler). Returns false if a thread did not stop in time.
    /// </summary>
    public bool Halt(TimeSpan timeout)
    {
        if (!_started) return true;
        var deadline = DateTime.UtcNow + timeout;
        var ok = true;
        for (var i = 0; i < _processors.Count; i++)
        {
            var p = _processors[i];
            p.Halt();
            var left = deadline - DateTime.UtcNow;
            if (!_threads[i].Join(left > TimeSpan.Zero ? left : TimeSpan.Zero))
            {
                _logger.LogError("Processor {Processor} did not stop within {Timeout}", p.Name, timeout);
                ok = false;
            }
        }
        // A stopped graph must not hold the producer back (e.g. a replacement pipeline on the same ring).
        if (ok)
        {
            foreach (var leaf in _leaves) _ring.RemoveGatingSequence(leaf);
        }
        return ok;
    }

    /// <summary>Block until every leaf handler has processed <paramref name="sequence"/> (or a processor faulted).</summary>
    public bool WaitUntilProcessed(long sequence, TimeSpan timeout)
    {
        var leaves = _leaves;
        var deadline = DateTime.UtcNow + timeout;
        var spinner = new SpinWait();
        while (SequenceGroup.Minimum(leaves, long.MaxValue) < sequence)
        {
            if (IsFaulted || DateTime.UtcNow > deadline) return false;
            spinner.SpinOnce(sleep1Threshold: 20);
        }
        return true;
    }

    private Sequence[] Leaves()
    {
        var leaves = new List<Sequence>();
        foreach (var node in _nodes)
        {
            var dependedOn = false;
            foreach (var other in _nodes)
            {
                if (Array.IndexOf(other.Dependencies, node.Sequence) >= 0)
                {
                    dependedOn = true;
                    break;
                }
            }
            if (!dependedOn) leaves.Add(node.Sequence);
        }
        return leaves.ToArray();
    }

    private static bool Spins(IWaitStrategy strategy) => strategy is BusySpinWaitStrategy or YieldingWaitStrategy;

    private sealed record Node(string Name, IEventHandler<T> Handler, Sequence Sequence, Sequence[] Dependencies, int? Cpu);
}

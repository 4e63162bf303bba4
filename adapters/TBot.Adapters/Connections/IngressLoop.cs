using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using TBot.Adapters.Ingress;
using TBot.Engine.Events;
using TBot.Engine.Instruments;
using TBot.Engine.Threading;
using TBot.Engine.Validation;

namespace TBot.Adapters.Connections;

/// <summary>
/// The ingress thread: round-robin over every connection's queue and the REST snapshot queues, feeding each frame
/// to the <see cref="IngressPipeline"/> (stream frames → ProcessFrame, snapshots → parse with the venue's
/// <see cref="IRestFrameHandler"/> → ProcessRest), giving each buffer back to its pool, and dispatching the
/// pipeline's <see cref="PendingAction"/>s: Reconnect/Resubscribe to the connection, RequestSnapshot to the
/// venue's snapshot fetcher. Session markers keep book sync honest: a Disconnected marker marks the books stale;
/// snapshot requests for a connection that is down wait for its next Connected marker, and a snapshot requested
/// in an earlier session is dropped and refetched. The single consumer of every queue it reads; allocation-free
/// per frame. Register everything before <see cref="Start"/>.
/// </summary>
public sealed class IngressLoop : IDisposable
{
    private const int ConnectionsPerVenue = WebSocketConnection.MaxConnectionId + 1;
    private const int VenueSlots = 4;

    private readonly IngressPipeline _pipeline;
    private readonly IngressLoopOptions _options;
    private readonly ILogger _logger;
    private readonly EventBatch _restBatch = new();
    private SpscFrameQueue[] _sources = [];
    private readonly IConnectionControl?[] _controls = new IConnectionControl?[VenueSlots * ConnectionsPerVenue];
    private readonly bool[] _up = new bool[VenueSlots * ConnectionsPerVenue];
    private readonly int[] _epochs = new int[VenueSlots * ConnectionsPerVenue];
    private readonly ISnapshotRequester?[] _requesters = new ISnapshotRequester?[VenueSlots];
    private readonly IRestFrameHandler?[] _restHandlers = new IRestFrameHandler?[VenueSlots];
    // Per instrument id: which connection carries it (table index + 1; 0 = unknown), whether its book waits for
    // a snapshot, and for which connection.
    private int[] _carrier = new int[64];
    private bool[] _wantSnapshot = new bool[64];
    private int[] _snapshotConnection = new int[64];
    private Thread? _thread;
    private volatile bool _stopRequested;
    private long _stopDeadlineTicks;

    public IngressLoop(IngressPipeline pipeline, IngressLoopOptions? options = null, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        _pipeline = pipeline;
        _options = options ?? new IngressLoopOptions();
        _logger = logger ?? NullLogger.Instance;
    }

    public IngressPipeline Pipeline => _pipeline;

    public IngressLoopStats Stats { get; } = new();

    public bool IsRunning => _thread is { IsAlive: true };

    /// <summary>Read frames from <paramref name="queue"/> (this loop becomes its only consumer).</summary>
    public void AddSource(SpscFrameQueue queue)
    {
        ArgumentNullException.ThrowIfNull(queue);
        EnsureNotStarted();
        if (Array.IndexOf(_sources, queue) < 0) _sources = [.. _sources, queue];
    }

    /// <summary>Send requests for connection (venue, id) to <paramref name="connection"/>; <paramref name="instrumentIds"/>
    /// are the instruments it carries (resync requests for them go to it whatever connection raised them).</summary>
    public void AddConnection(IConnectionControl connection, IEnumerable<int>? instrumentIds = null)
    {
        ArgumentNullException.ThrowIfNull(connection);
        EnsureNotStarted();
        var index = Index(connection.Venue, connection.ConnectionId);
        _controls[index] = connection;
        if (instrumentIds is null) return;
        foreach (var id in instrumentIds)
        {
            if (id <= 0) continue;
            EnsureInstrument(id);
            _carrier[id] = index + 1;
        }
    }

    /// <summary>Read the connection's queue and route its requests to it.</summary>
    public void Add(WebSocketConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        AddSource(connection.Queue);
        AddConnection(connection, connection.Subscriptions.Select(s => s.InstrumentId));
    }

    /// <summary>Read the fetcher's queue and send its venue's snapshot requests to it.</summary>
    public void Add(SnapshotFetcher fetcher)
    {
        ArgumentNullException.ThrowIfNull(fetcher);
        AddSource(fetcher.Queue);
        AddSnapshotRequester(fetcher);
    }

    /// <summary>Read polled REST bodies from <paramref name="poller"/> and parse them with <paramref name="handler"/>.</summary>
    public void Add(RestPoller poller, IRestPollHandler handler)
    {
        ArgumentNullException.ThrowIfNull(poller);
        ArgumentNullException.ThrowIfNull(handler);
        EnsureNotStarted();
        AddSource(poller.Queue);
        _pollHandlers[(int)handler.Venue] = handler;
    }

    private readonly IRestPollHandler?[] _pollHandlers = new IRestPollHandler?[VenueSlots];

    private void OnPoll(in FrameHandle frame)
    {
        var handler = _pollHandlers[(int)frame.Venue];
        _restBatch.Clear();
        var result = handler is null
            ? ParseResult.Reject(RejectReason.UnknownMessage)
            : handler.ParsePoll(frame.Epoch, frame.InstrumentId, frame.Span, frame.ReceiveTimeNs, _restBatch);
        if (result.Kind == FrameKind.Rejected)
        {
            _pipeline.CountReject(frame.Venue, frame.ConnectionId, result.Reason, frame.Span, frame.ReceiveTimeNs);
            return;
        }
        if (_restBatch.Count > 0) _pipeline.ProcessRest(frame.Venue, frame.ConnectionId, _restBatch.AsSpan(), frame.Span, frame.ReceiveTimeNs);
    }

    public void AddSnapshotRequester(ISnapshotRequester requester)
    {
        ArgumentNullException.ThrowIfNull(requester);
        EnsureNotStarted();
        _requesters[(int)requester.Venue] = requester;
    }

    public void AddRestHandler(IRestFrameHandler handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        EnsureNotStarted();
        _restHandlers[(int)handler.Venue] = handler;
    }

    /// <summary>Run the loop on a dedicated, optionally pinned, thread.</summary>
    public void Start()
    {
        EnsureNotStarted();
        _stopRequested = false;
        _thread = DedicatedThread.Start(_options.ThreadName, _options.Cpu, Run, _logger);
    }

    /// <summary>
    /// Stop after draining: the thread keeps going until a pass finds every queue empty (or
    /// <see cref="IngressLoopOptions.StopTimeout"/> passes), then exits; frames still queued after that are
    /// released unprocessed. Stop the connections first so that the queues can run dry. Without a running
    /// thread, drains on the calling thread.
    /// </summary>
    public void Stop()
    {
        Volatile.Write(ref _stopDeadlineTicks, DateTime.UtcNow.Ticks + _options.StopTimeout.Ticks);
        _stopRequested = true;
        var thread = _thread;
        if (thread is null)
        {
            while (RunOnce() > 0 && DateTime.UtcNow.Ticks < Volatile.Read(ref _stopDeadlineTicks))
            {
            }
        }
        else if (!thread.Join(_options.StopTimeout + TimeSpan.FromSeconds(1)))
        {
            _logger.LogError("Ingress thread {Thread} did not stop", _options.ThreadName);
            return; // it still owns the queues
        }
        _thread = null;
        // Join makes this thread the consumer now: release what is left.
        var dropped = 0;
        foreach (var queue in _sources) dropped += queue.DrainAndRelease();
        if (dropped > 0) _logger.LogWarning("Ingress stopped with {Frames} frames unprocessed", dropped);
    }

    public void Dispose()
    {
        if (_thread is not null) Stop();
    }

    /// <summary>One round-robin pass over every queue; returns the frames processed. Call from the consumer thread
    /// only (the loop's own thread once started; any single thread before that, e.g. in tests or fused mode).</summary>
    public int RunOnce()
    {
        var total = 0;
        var sources = _sources;
        var batch = _options.MaxFramesPerSourcePerPass;
        for (var s = 0; s < sources.Length; s++)
        {
            var queue = sources[s];
            for (var n = 0; n < batch && queue.TryDequeue(out var frame); n++)
            {
                Process(queue, frame);
                total++;
            }
        }
        Stats.AddPass();
        return total;
    }

    private void Run()
    {
        var idle = new IdleStrategy(_options.SpinIterations, _options.YieldIterations, _options.SleepMilliseconds);
        while (true)
        {
            if (RunOnce() > 0)
            {
                idle.Reset();
                if (!_stopRequested || DateTime.UtcNow.Ticks < Volatile.Read(ref _stopDeadlineTicks)) continue;
                break;
            }
            if (_stopRequested) break; // a whole pass found nothing: drained
            idle.Idle();
        }
    }

    private void Process(SpscFrameQueue queue, in FrameHandle frame)
    {
        try
        {
            switch (frame.Kind)
            {
                case FrameHandleKind.Message:
                    Stats.AddMessage();
                    _pipeline.ProcessFrame(frame.Venue, frame.ConnectionId, frame.Span, frame.ReceiveTimeNs);
                    break;
                case FrameHandleKind.Connected:
                    OnConnected(frame);
                    break;
                case FrameHandleKind.Disconnected:
                    OnDisconnected(frame);
                    break;
                case FrameHandleKind.RestSnapshot:
                    OnSnapshot(frame);
                    break;
                case FrameHandleKind.RestPoll:
                    OnPoll(frame);
                    break;
                case FrameHandleKind.RestError:
                    Stats.AddRestError();
                    _pipeline.CountReject(frame.Venue, frame.ConnectionId, RejectReason.VenueError, frame.Span, frame.ReceiveTimeNs);
                    break;
            }
            if (_pipeline.Actions.Count > 0) DispatchActions();
        }
        catch (Exception ex)
        {
            // A throwing parser or handler must not take the ingress thread (and every venue) down with it.
            Stats.AddError();
            _pipeline.Actions.Clear();
            var errors = Stats.Errors;
            if (errors <= 10 || errors % 1000 == 0)
                _logger.LogError(ex, "Ingress failed on a {Kind} frame from {Venue} connection {Connection} ({Errors} errors so far)",
                    frame.Kind, VenueNames.Name(frame.Venue), frame.ConnectionId, errors);
        }
        finally
        {
            queue.Release(frame);
        }
    }

    private void OnConnected(in FrameHandle frame)
    {
        Stats.AddConnect();
        var index = Index(frame.Venue, frame.ConnectionId);
        if (_epochs[index] != 0) _pipeline.Stats[(int)frame.Venue].AddReconnect();
        _up[index] = true;
        _epochs[index] = frame.Epoch;
        // Per-connection sequence numbers (Coinbase sequence_num) start over on a new socket.
        _pipeline.ResetConnection(frame.Venue, frame.ConnectionId);
        // Snapshot requests that waited for this connection to come back.
        for (var id = 1; id < _wantSnapshot.Length; id++)
            if (_wantSnapshot[id] && _snapshotConnection[id] == index) RequestSnapshot(id, index);
    }

    /// <summary>The engine is stopping: connections closing from now on are not desyncs (books keep their last
    /// state for the shutdown summary, and nothing trades on them any more).</summary>
    public void BeginShutdown() => Volatile.Write(ref _shuttingDown, true);

    private bool _shuttingDown;

    private void OnDisconnected(in FrameHandle frame)
    {
        Stats.AddDisconnect();
        var index = Index(frame.Venue, frame.ConnectionId);
        _up[index] = false;
        if (Volatile.Read(ref _shuttingDown)) return;
        // Whatever was in flight is lost: the books cannot be trusted until resynced. The resulting actions wait
        // for the reconnect (snapshots) or are covered by it (resubscribe).
        _pipeline.MarkConnectionStale(frame.Venue, frame.ConnectionId, RejectReason.SequenceGap, frame.ReceiveTimeNs);
    }

    private void OnSnapshot(in FrameHandle frame)
    {
        var index = Index(frame.Venue, frame.ConnectionId);
        var id = frame.InstrumentId;
        EnsureInstrument(id);
        if (!_up[index] || _epochs[index] != frame.Epoch)
        {
            // Requested before a reconnect: it may predate everything the new session buffers. Fetch again.
            Stats.AddStaleSnapshot();
            WantSnapshot(id, index);
            return;
        }
        var handler = _restHandlers[(int)frame.Venue];
        if (handler is null)
        {
            Stats.AddUndeliverable();
            _pipeline.CountReject(frame.Venue, frame.ConnectionId, RejectReason.UnknownMessage, frame.Span, frame.ReceiveTimeNs);
            return;
        }
        Stats.AddRestSnapshot();
        _restBatch.Clear();
        var result = handler.ParseSnapshot(id, frame.Span, frame.ReceiveTimeNs, _restBatch);
        if (result.Kind == FrameKind.Rejected)
        {
            _pipeline.CountReject(frame.Venue, frame.ConnectionId, result.Reason, frame.Span, frame.ReceiveTimeNs);
            WantSnapshot(id, index); // the fetcher spaces refetches per instrument
            return;
        }
        _wantSnapshot[id] = false;
        _pipeline.ProcessRest(frame.Venue, frame.ConnectionId, _restBatch.AsSpan(), frame.Span, frame.ReceiveTimeNs);
    }

    private void DispatchActions()
    {
        var actions = _pipeline.Actions;
        for (var i = 0; i < actions.Count; i++)
        {
            var action = actions[i];
            var index = Route(action);
            switch (action.Kind)
            {
                case PendingActionKind.RequestSnapshot:
                    WantSnapshot(action.InstrumentId, index);
                    break;
                case PendingActionKind.Resubscribe:
                    // A connection that is down resubscribes everything when it comes back.
                    if (_up[index]) Post(index, new ConnectionRequest(ConnectionRequestKind.Resubscribe, action.InstrumentId, _epochs[index]));
                    break;
                case PendingActionKind.Reconnect:
                    if (_up[index]) Post(index, new ConnectionRequest(ConnectionRequestKind.Reconnect, 0, _epochs[index]));
                    break;
            }
        }
        actions.Clear();
    }

    /// <summary>The connection that carries the action's instrument if known, else the one that raised it.</summary>
    private int Route(in PendingAction action)
    {
        var id = action.InstrumentId;
        if (action.Kind != PendingActionKind.Reconnect && id > 0 && id < _carrier.Length && _carrier[id] != 0) return _carrier[id] - 1;
        return Index(action.Venue, action.ConnectionId);
    }

    private void WantSnapshot(int instrumentId, int index)
    {
        if (instrumentId <= 0) return;
        EnsureInstrument(instrumentId);
        _wantSnapshot[instrumentId] = true;
        _snapshotConnection[instrumentId] = index;
        if (_up[index]) RequestSnapshot(instrumentId, index); // else: on the next Connected marker
    }

    private void RequestSnapshot(int instrumentId, int index)
    {
        var venue = (Venue)(index / ConnectionsPerVenue);
        var requester = _requesters[(int)venue];
        if (requester is not null && requester.Request(instrumentId, index % ConnectionsPerVenue, _epochs[index])) Stats.AddAction();
        else Stats.AddUndeliverable();
    }

    private void Post(int index, ConnectionRequest request)
    {
        var control = _controls[index];
        if (control is not null && control.Post(request)) Stats.AddAction();
        else Stats.AddUndeliverable();
    }

    private void EnsureInstrument(int id)
    {
        if (id < _wantSnapshot.Length) return;
        var n = Math.Max(id + 1, _wantSnapshot.Length * 2);
        Array.Resize(ref _carrier, n);
        Array.Resize(ref _wantSnapshot, n);
        Array.Resize(ref _snapshotConnection, n);
    }

    private static int Index(Venue venue, int connectionId) => (int)venue * ConnectionsPerVenue + (connectionId & (ConnectionsPerVenue - 1));

    private void EnsureNotStarted()
    {
        if (_thread is not null) throw new InvalidOperationException("Register sources and targets before starting the ingress loop.");
    }
}

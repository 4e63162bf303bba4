namespace TBot.Adapters.Connections;

/// <summary>Counters of the ingress loop: written by its thread only, readable from any thread.</summary>
public sealed class IngressLoopStats
{
    private long _messages, _restSnapshots, _restErrors, _connects, _disconnects, _errors, _actions, _undeliverable, _staleSnapshots, _passes;

    /// <summary>Stream messages handed to the pipeline.</summary>
    public long Messages => Volatile.Read(ref _messages);

    public long RestSnapshots => Volatile.Read(ref _restSnapshots);

    public long RestErrors => Volatile.Read(ref _restErrors);

    /// <summary>Connected markers seen.</summary>
    public long Connects => Volatile.Read(ref _connects);

    /// <summary>Disconnected markers seen.</summary>
    public long Disconnects => Volatile.Read(ref _disconnects);

    /// <summary>Frames whose processing threw (a bug in a parser or handler); the loop carried on.</summary>
    public long Errors => Volatile.Read(ref _errors);

    /// <summary>Pipeline actions passed to a connection or snapshot fetcher.</summary>
    public long ActionsDispatched => Volatile.Read(ref _actions);

    /// <summary>Actions with nobody to take them (no connection / fetcher registered).</summary>
    public long ActionsUndeliverable => Volatile.Read(ref _undeliverable);

    /// <summary>Snapshots dropped because they were requested in a session that has since ended (refetched).</summary>
    public long StaleSnapshotsDropped => Volatile.Read(ref _staleSnapshots);

    /// <summary>Round-robin passes over all queues.</summary>
    public long Passes => Volatile.Read(ref _passes);

    internal void AddMessage() => Volatile.Write(ref _messages, _messages + 1);
    internal void AddRestSnapshot() => Volatile.Write(ref _restSnapshots, _restSnapshots + 1);
    internal void AddRestError() => Volatile.Write(ref _restErrors, _restErrors + 1);
    internal void AddConnect() => Volatile.Write(ref _connects, _connects + 1);
    internal void AddDisconnect() => Volatile.Write(ref _disconnects, _disconnects + 1);
    internal void AddError() => Volatile.Write(ref _errors, _errors + 1);
    internal void AddAction() => Volatile.Write(ref _actions, _actions + 1);
    internal void AddUndeliverable() => Volatile.Write(ref _undeliverable, _undeliverable + 1);
    internal void AddStaleSnapshot() => Volatile.Write(ref _staleSnapshots, _staleSnapshots + 1);
    internal void AddPass() => Volatile.Write(ref _passes, _passes + 1);
}

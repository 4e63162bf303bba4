namespace TBot.Adapters.Ingress;

/// <summary>Per-venue ingress counters (written by the ingress thread; read by reports and metrics).</summary>
public sealed class VenueStats
{
    private long _frames, _accepted, _control, _rejectedFrames, _reconnects, _resyncs;

    /// <summary>Frames (WebSocket messages or REST bodies) received.</summary>
    public long Frames => Volatile.Read(ref _frames);

    /// <summary>Events accepted into the pipeline.</summary>
    public long Accepted => Volatile.Read(ref _accepted);

    /// <summary>Non-data frames: acks, heartbeats, pongs, notices.</summary>
    public long Control => Volatile.Read(ref _control);

    /// <summary>Frames or messages rejected (reasons are in <see cref="TBot.Engine.Validation.RejectCounters"/>).</summary>
    public long Rejected => Volatile.Read(ref _rejectedFrames);

    public long Reconnects => Volatile.Read(ref _reconnects);

    /// <summary>Book desyncs detected (gaps, checksum mismatches, overflow, persistent crosses).</summary>
    public long Resyncs => Volatile.Read(ref _resyncs);

    internal void AddFrame() => Interlocked.Increment(ref _frames);
    internal void AddAccepted(long n) => Interlocked.Add(ref _accepted, n);
    internal void AddControl() => Interlocked.Increment(ref _control);
    internal void AddRejected() => Interlocked.Increment(ref _rejectedFrames);
    public void AddReconnect() => Interlocked.Increment(ref _reconnects);
    internal void AddResync() => Interlocked.Increment(ref _resyncs);
}

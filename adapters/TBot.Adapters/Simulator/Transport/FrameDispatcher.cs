using TBot.Adapters.Simulator.Faults;
using TBot.Engine.Instruments;

namespace TBot.Adapters.Simulator.Transport;

/// <summary>
/// The pump thread's way out to connections: copies rendered frames into outboxes, applies per-connection faults
/// to data frames (gap = not delivered, drop, truncation, duplicate), and wakes each touched connection once per
/// pump chunk rather than once per frame. Pump thread only.
/// </summary>
internal sealed class FrameDispatcher
{
    private readonly FaultInjector _faults;
    private readonly List<SimConnection> _wake = [];

    public FrameDispatcher(FaultInjector faults) => _faults = faults;

    /// <summary>Frames queued (the pace counts these).</summary>
    public long Delivered { get; private set; }

    /// <summary>Connections cut because their outbox overflowed.</summary>
    public long SlowConsumerDisconnects { get; private set; }

    /// <summary>A control/snapshot frame: acks, snapshots, errors. Never faulted.</summary>
    public void Send(SimConnection c, ReadOnlySpan<byte> frame)
    {
        if (c.IsClosed) return;
        Enqueue(c, frame);
    }

    /// <summary>A streaming data frame, subject to the per-connection faults.</summary>
    public void SendData(SimConnection c, Venue venue, ReadOnlySpan<byte> frame, bool gapEligible)
    {
        if (c.IsClosed) return;
        if (gapEligible && _faults.ShouldInject(FaultKind.SequenceGap, venue))
        {
            Delivered++; // it counts towards the pace as if it had been sent
            return;
        }
        if (_faults.ShouldInject(FaultKind.DropConnection, venue))
        {
            c.Outbox.Enqueue(ReadOnlySpan<byte>.Empty, OutboundFrameKind.Abort);
            MarkWake(c);
            return;
        }
        if (_faults.ShouldInject(FaultKind.MalformedJson, venue))
        {
            Enqueue(c, frame[..TruncationPoint(frame)]);
            return;
        }
        if (_faults.ShouldInject(FaultKind.DuplicateMessage, venue)) Enqueue(c, frame);
        Enqueue(c, frame);
    }

    /// <summary>Cut roughly in half, never inside a UTF-8 sequence (the frame must stay valid text for the WebSocket).</summary>
    internal static int TruncationPoint(ReadOnlySpan<byte> frame)
    {
        var cut = Math.Max(1, frame.Length / 2);
        while (cut > 1 && (frame[cut] & 0xC0) == 0x80) cut--;
        return cut;
    }

    private void Enqueue(SimConnection c, ReadOnlySpan<byte> frame)
    {
        if (!c.Outbox.Enqueue(frame))
        {
            SlowConsumerDisconnects++;
            c.Kill();
            return;
        }
        Delivered++;
        MarkWake(c);
    }

    private void MarkWake(SimConnection c)
    {
        if (c.PendingWake) return;
        c.PendingWake = true;
        _wake.Add(c);
    }

    /// <summary>Wake the send loops of every connection that got frames since the last call.</summary>
    public void FlushWakeups()
    {
        for (var i = 0; i < _wake.Count; i++)
        {
            var c = _wake[i];
            c.PendingWake = false;
            c.Signal.Set();
        }
        _wake.Clear();
    }
}

using TBot.Engine.Instruments;

namespace TBot.Adapters.Connections;

/// <summary>
/// One entry of a <see cref="SpscFrameQueue"/>: a pooled buffer with the bytes of one received frame, and
/// where it came from. Whoever dequeues it owns <see cref="Buffer"/> and must give it back to the queue's
/// pool (<see cref="SpscFrameQueue.Release"/>). Markers carry no buffer.
/// </summary>
public readonly struct FrameHandle
{
    public FrameHandle(FrameHandleKind kind, Venue venue, int connectionId, int epoch, byte[]? buffer, int length, long receiveTimeNs,
        int instrumentId = 0, int status = 0)
    {
        Kind = kind;
        Venue = venue;
        ConnectionId = connectionId;
        Epoch = epoch;
        Buffer = buffer;
        Length = length;
        ReceiveTimeNs = receiveTimeNs;
        InstrumentId = instrumentId;
        Status = status;
    }

    public FrameHandleKind Kind { get; }

    public Venue Venue { get; }

    public int ConnectionId { get; }

    /// <summary>The connection's session number (1 for the first connect, +1 per reconnect). REST frames carry
    /// the epoch their request was made in, so a snapshot that predates a reconnect can be recognised.</summary>
    public int Epoch { get; }

    /// <summary>Pooled buffer (may be longer than <see cref="Length"/>); null for markers.</summary>
    public byte[]? Buffer { get; }

    public int Length { get; }

    /// <summary>Unix epoch nanoseconds when the frame was complete.</summary>
    public long ReceiveTimeNs { get; }

    /// <summary>REST frames: the instrument the request was for.</summary>
    public int InstrumentId { get; }

    /// <summary>REST frames: the HTTP status code.</summary>
    public int Status { get; }

    public ReadOnlySpan<byte> Span => Buffer is null ? default : Buffer.AsSpan(0, Length);

    public static FrameHandle Marker(FrameHandleKind kind, Venue venue, int connectionId, int epoch, long receiveTimeNs) =>
        new(kind, venue, connectionId, epoch, null, 0, receiveTimeNs);
}

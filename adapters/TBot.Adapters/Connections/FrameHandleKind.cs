namespace TBot.Adapters.Connections;

/// <summary>What a queued <see cref="FrameHandle"/> carries.</summary>
public enum FrameHandleKind : byte
{
    None = 0,
    /// <summary>A complete WebSocket message (text or binary) from a stream connection.</summary>
    Message = 1,
    /// <summary>Marker: the connection is open (a new <see cref="FrameHandle.Epoch"/>); frames after it belong to the new session.</summary>
    Connected = 2,
    /// <summary>Marker: the connection dropped; books it fed are no longer in sync.</summary>
    Disconnected = 3,
    /// <summary>A REST depth snapshot body for <see cref="FrameHandle.InstrumentId"/>.</summary>
    RestSnapshot = 4,
    /// <summary>A REST error body (non-success status) for <see cref="FrameHandle.InstrumentId"/>; counted, not parsed.</summary>
    RestError = 5,
    /// <summary>A polled REST market-data body (tickers, candles) for <see cref="FrameHandle.InstrumentId"/>;
    /// <see cref="FrameHandle.Epoch"/> carries the index of the poll endpoint that produced it.</summary>
    RestPoll = 6,
}

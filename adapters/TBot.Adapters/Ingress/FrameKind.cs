namespace TBot.Adapters.Ingress;

/// <summary>What a parsed frame turned out to be.</summary>
public enum FrameKind : byte
{
    /// <summary>Market data: events were appended to the batch.</summary>
    Data = 0,
    /// <summary>A non-data frame (subscription ack, heartbeat, pong, shutdown notice, …); see <see cref="ControlKind"/>.</summary>
    Control = 1,
    /// <summary>Not accepted; see <see cref="ParseResult.Reason"/>. Nothing was appended.</summary>
    Rejected = 2,
}

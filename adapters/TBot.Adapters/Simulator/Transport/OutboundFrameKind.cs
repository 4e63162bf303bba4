namespace TBot.Adapters.Simulator.Transport;

/// <summary>What the send loop does with a queued record.</summary>
internal enum OutboundFrameKind
{
    Text = 0,
    /// <summary>Send a normal close frame and stop sending.</summary>
    Close = 1,
    /// <summary>Abort the TCP connection (the DropConnection fault).</summary>
    Abort = 2,
}

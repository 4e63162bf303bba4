namespace TBot.Adapters.Execution.Binance;

/// <summary>
/// A signed parameter string ready to send (…&amp;recvWindow=…&amp;timestamp=…&amp;signature=…) and the
/// timestamp it carries: after timestamp + recvWindow (server time) the venue can no longer accept it, which is
/// when "order does not exist" becomes final. <see cref="ToString"/> never shows the signature.
/// </summary>
public readonly struct SignedRequest(string payload, long timestampMs)
{
    public string Payload { get; } = payload;

    /// <summary>Server-clock Unix ms put in the request.</summary>
    public long TimestampMs { get; } = timestampMs;

    public override string ToString() => $"SignedRequest(timestamp {TimestampMs}, signature redacted)";
}

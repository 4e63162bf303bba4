namespace TBot.Adapters.Simulator.Faults;

/// <summary>Failures the simulator can inject. Names are also accepted in configuration (case-insensitive).</summary>
public enum FaultKind : byte
{
    /// <summary>The WebSocket connection is cut without a close handshake (TCP reset/abort).</summary>
    DropConnection = 0,
    /// <summary>A sequenced message is not delivered, so the next one reveals the gap (Binance U &gt; u+1, OKX prevSeqId, Coinbase sequence_num / trade_id).</summary>
    SequenceGap = 1,
    /// <summary>A data message is delivered twice.</summary>
    DuplicateMessage = 2,
    /// <summary>A data message is truncated (not parseable JSON).</summary>
    MalformedJson = 3,
    /// <summary>A quote (bookTicker, ticker, bbo) with bid &gt;= ask.</summary>
    CrossedBook = 4,
    /// <summary>A message whose exchange timestamp lies far in the past.</summary>
    StaleTimestamp = 5,
    /// <summary>A REST request answered with HTTP 429 and Retry-After.</summary>
    RateLimit429 = 6,
    /// <summary>An OKX books message with a wrong checksum.</summary>
    ChecksumMismatch = 7,
}

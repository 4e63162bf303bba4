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
    /// <summary>A Binance order POST is executed but its response is never sent: the connection is aborted (a
    /// crash or network cut between submit and acknowledgement; the client must query, not resend).</summary>
    DropOrderResponse = 8,
    /// <summary>A Binance order POST is dropped before it reaches the matching engine: the connection is aborted
    /// and no order exists (a later query answers -2013).</summary>
    DropOrderRequest = 9,
    /// <summary>A history page (aggTrades, history-trades, klines/candles by time) is cut off: headers and half the
    /// body are sent, then the connection is aborted.</summary>
    DropHistoryPage = 10,
}

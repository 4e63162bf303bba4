namespace TBot.Adapters.Execution.Binance;

/// <summary>
/// Reject codes the gateway itself gives (in <see cref="Engine.Orders.ExecutionReport.Code"/>), outside Binance's
/// own range (-1000…-2999), so a journal tells a venue rejection from a local one.
/// </summary>
public static class BinanceGatewayCodes
{
    /// <summary>The command queue was full: the order never left the process.</summary>
    public const int QueueFull = -9001;

    /// <summary>The order's instrument is not a Binance instrument of the registry.</summary>
    public const int UnknownInstrument = -9002;

    /// <summary>Side/type/time-in-force/price/quantity the gateway cannot express as a Binance order.</summary>
    public const int Unsupported = -9003;

    /// <summary>Binance's "Order does not exist." (a lost order that never reached the matching engine).</summary>
    public const int NoSuchOrder = -2013;

    /// <summary>Binance's cancel of an order that is no longer open ("Unknown order sent.").</summary>
    public const int CancelRejected = -2011;

    /// <summary>Binance's rate-limit code (also used when a 429/418 comes without a body).</summary>
    public const int TooManyRequests = -1003;

    /// <summary>Binance's timestamp-outside-recvWindow code.</summary>
    public const int InvalidTimestamp = -1021;

    /// <summary>Binance's backend timeout ("execution status unknown").</summary>
    public const int BackendTimeout = -1007;
}

namespace TBot.Adapters.Execution.Binance;

/// <summary>An order's <c>status</c> as Binance reports it.</summary>
public enum BinanceOrderStatus : byte
{
    Unknown = 0,
    New,
    PartiallyFilled,
    Filled,
    Canceled,
    PendingCancel,
    Rejected,
    Expired,
    /// <summary>Expired by self-trade prevention.</summary>
    ExpiredInMatch,
}

public static class BinanceOrderStatuses
{
    public static BinanceOrderStatus Parse(ReadOnlySpan<byte> text) => text switch
    {
        _ when text.SequenceEqual("NEW"u8) => BinanceOrderStatus.New,
        _ when text.SequenceEqual("PARTIALLY_FILLED"u8) => BinanceOrderStatus.PartiallyFilled,
        _ when text.SequenceEqual("FILLED"u8) => BinanceOrderStatus.Filled,
        _ when text.SequenceEqual("CANCELED"u8) => BinanceOrderStatus.Canceled,
        _ when text.SequenceEqual("PENDING_CANCEL"u8) => BinanceOrderStatus.PendingCancel,
        _ when text.SequenceEqual("REJECTED"u8) => BinanceOrderStatus.Rejected,
        _ when text.SequenceEqual("EXPIRED"u8) => BinanceOrderStatus.Expired,
        _ when text.SequenceEqual("EXPIRED_IN_MATCH"u8) => BinanceOrderStatus.ExpiredInMatch,
        _ => BinanceOrderStatus.Unknown,
    };

    /// <summary>Still working at the venue (can fill or be cancelled).</summary>
    public static bool IsOpen(BinanceOrderStatus s) => s is BinanceOrderStatus.New or BinanceOrderStatus.PartiallyFilled or BinanceOrderStatus.PendingCancel;

    public static bool IsTerminal(BinanceOrderStatus s) =>
        s is BinanceOrderStatus.Filled or BinanceOrderStatus.Canceled or BinanceOrderStatus.Rejected or BinanceOrderStatus.Expired or BinanceOrderStatus.ExpiredInMatch;
}

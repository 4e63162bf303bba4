namespace TBot.Adapters.Binance;

/// <summary>The payload kinds the stream parser understands, whether named by "e" or by the stream suffix.</summary>
internal enum BinanceMessageType : byte
{
    Unknown = 0,
    BookTicker,
    Trade,
    AggTrade,
    DiffDepth,
    PartialDepth,
    Ticker24h,
    ServerShutdown,
}

internal static class BinanceMessageTypes
{
    /// <summary>From the payload's "e" value.</summary>
    public static BinanceMessageType FromEventType(ReadOnlySpan<byte> e) => e.Length switch
    {
        5 when e.SequenceEqual("trade"u8) => BinanceMessageType.Trade,
        8 when e.SequenceEqual("aggTrade"u8) => BinanceMessageType.AggTrade,
        10 when e.SequenceEqual("bookTicker"u8) => BinanceMessageType.BookTicker,
        10 when e.SequenceEqual("24hrTicker"u8) => BinanceMessageType.Ticker24h,
        11 when e.SequenceEqual("depthUpdate"u8) => BinanceMessageType.DiffDepth,
        14 when e.SequenceEqual("serverShutdown"u8) => BinanceMessageType.ServerShutdown,
        _ => BinanceMessageType.Unknown,
    };

    /// <summary>
    /// Split a stream name ("bnbusdt@bookTicker", "btcusdt@depth5@100ms", "!serverShutdown") into the
    /// lower-case symbol part (empty for "!" market-wide streams) and the payload kind its suffix implies.
    /// </summary>
    public static BinanceMessageType FromStreamName(ReadOnlySpan<byte> stream, out ReadOnlySpan<byte> symbol)
    {
        symbol = default;
        if (stream.IsEmpty) return BinanceMessageType.Unknown;
        if (stream[0] == (byte)'!')
        {
            return stream[1..].SequenceEqual("serverShutdown"u8) ? BinanceMessageType.ServerShutdown : BinanceMessageType.Unknown;
        }
        var at = stream.IndexOf((byte)'@');
        if (at <= 0) return BinanceMessageType.Unknown;
        symbol = stream[..at];
        var kind = stream[(at + 1)..];
        // An update-speed suffix ("@100ms", "@1000ms") does not change the payload.
        var speed = kind.IndexOf((byte)'@');
        if (speed >= 0) kind = kind[..speed];
        return kind switch
        {
            _ when kind.SequenceEqual("bookTicker"u8) => BinanceMessageType.BookTicker,
            _ when kind.SequenceEqual("trade"u8) => BinanceMessageType.Trade,
            _ when kind.SequenceEqual("aggTrade"u8) => BinanceMessageType.AggTrade,
            _ when kind.SequenceEqual("depth"u8) => BinanceMessageType.DiffDepth,
            _ when kind.SequenceEqual("depth5"u8) || kind.SequenceEqual("depth10"u8) || kind.SequenceEqual("depth20"u8) => BinanceMessageType.PartialDepth,
            _ when kind.SequenceEqual("ticker"u8) => BinanceMessageType.Ticker24h,
            _ => BinanceMessageType.Unknown,
        };
    }
}

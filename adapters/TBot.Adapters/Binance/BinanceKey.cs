namespace TBot.Adapters.Binance;

/// <summary>
/// The JSON property names the Binance parsers look at, stream and REST alike. Single-letter keys are
/// case-sensitive on the wire (b ≠ B, u ≠ U), hence the explicit Lower/Upper names. A key only says where
/// a value sits: what it means depends on the message (<c>a</c> is an id in aggTrade, a price in
/// bookTicker, an array in depthUpdate), so interpretation happens per message type.
/// </summary>
internal enum BinanceKey : byte
{
    None = 0,
    LowerA,
    UpperA,
    LowerB,
    UpperB,
    LowerC,
    LowerE,
    UpperE,
    LowerF,
    LowerH,
    LowerL,
    LowerM,
    LowerO,
    LowerP,
    LowerQ,
    LowerS,
    LowerT,
    UpperT,
    LowerU,
    UpperU,
    LowerV,
    LastUpdateId,
    Bids,
    Asks,
    Result,
    Id,
    Code,
    Msg,
    Stream,
    Data,
    Symbol,
    BidPrice,
    BidQty,
    AskPrice,
    AskQty,
    ServerTime,
    /// <summary>Number of keys (size of a slot table).</summary>
    Count,
}

internal static class BinanceKeys
{
    /// <summary>Map an (unescaped) property name to its key; <see cref="BinanceKey.None"/> for keys we skip.</summary>
    public static BinanceKey Of(ReadOnlySpan<byte> name)
    {
        if (name.Length == 1)
        {
            return name[0] switch
            {
                (byte)'a' => BinanceKey.LowerA,
                (byte)'A' => BinanceKey.UpperA,
                (byte)'b' => BinanceKey.LowerB,
                (byte)'B' => BinanceKey.UpperB,
                (byte)'c' => BinanceKey.LowerC,
                (byte)'e' => BinanceKey.LowerE,
                (byte)'E' => BinanceKey.UpperE,
                (byte)'f' => BinanceKey.LowerF,
                (byte)'h' => BinanceKey.LowerH,
                (byte)'l' => BinanceKey.LowerL,
                (byte)'m' => BinanceKey.LowerM,
                (byte)'o' => BinanceKey.LowerO,
                (byte)'p' => BinanceKey.LowerP,
                (byte)'q' => BinanceKey.LowerQ,
                (byte)'s' => BinanceKey.LowerS,
                (byte)'t' => BinanceKey.LowerT,
                (byte)'T' => BinanceKey.UpperT,
                (byte)'u' => BinanceKey.LowerU,
                (byte)'U' => BinanceKey.UpperU,
                (byte)'v' => BinanceKey.LowerV,
                _ => BinanceKey.None,
            };
        }
        return name.Length switch
        {
            2 when name.SequenceEqual("id"u8) => BinanceKey.Id,
            3 when name.SequenceEqual("msg"u8) => BinanceKey.Msg,
            4 when name.SequenceEqual("bids"u8) => BinanceKey.Bids,
            4 when name.SequenceEqual("asks"u8) => BinanceKey.Asks,
            4 when name.SequenceEqual("code"u8) => BinanceKey.Code,
            4 when name.SequenceEqual("data"u8) => BinanceKey.Data,
            6 when name.SequenceEqual("result"u8) => BinanceKey.Result,
            6 when name.SequenceEqual("stream"u8) => BinanceKey.Stream,
            6 when name.SequenceEqual("symbol"u8) => BinanceKey.Symbol,
            6 when name.SequenceEqual("bidQty"u8) => BinanceKey.BidQty,
            6 when name.SequenceEqual("askQty"u8) => BinanceKey.AskQty,
            8 when name.SequenceEqual("bidPrice"u8) => BinanceKey.BidPrice,
            8 when name.SequenceEqual("askPrice"u8) => BinanceKey.AskPrice,
            10 when name.SequenceEqual("serverTime"u8) => BinanceKey.ServerTime,
            12 when name.SequenceEqual("lastUpdateId"u8) => BinanceKey.LastUpdateId,
            _ => BinanceKey.None,
        };
    }
}

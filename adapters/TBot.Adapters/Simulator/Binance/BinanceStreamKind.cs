namespace TBot.Adapters.Simulator.Binance;

/// <summary>The Binance market streams the simulator serves (suffix after "&lt;symbol&gt;@").</summary>
internal enum BinanceStreamKind : byte
{
    Depth,
    Depth100ms,
    Depth1000ms,
    BookTicker,
    Trade,
    AggTrade,
    Ticker,
    Depth5,
    Depth5Fast,
    Depth10,
    Depth10Fast,
    Depth20,
    Depth20Fast,
}

internal static class BinanceStreamKinds
{
    public const int Count = 13;

    public static string Suffix(BinanceStreamKind kind) => kind switch
    {
        BinanceStreamKind.Depth => "depth",
        BinanceStreamKind.Depth100ms => "depth@100ms",
        BinanceStreamKind.Depth1000ms => "depth@1000ms",
        BinanceStreamKind.BookTicker => "bookTicker",
        BinanceStreamKind.Trade => "trade",
        BinanceStreamKind.AggTrade => "aggTrade",
        BinanceStreamKind.Ticker => "ticker",
        BinanceStreamKind.Depth5 => "depth5",
        BinanceStreamKind.Depth5Fast => "depth5@100ms",
        BinanceStreamKind.Depth10 => "depth10",
        BinanceStreamKind.Depth10Fast => "depth10@100ms",
        BinanceStreamKind.Depth20 => "depth20",
        _ => "depth20@100ms",
    };

    /// <summary>Levels of a partial-depth stream, 0 for the others.</summary>
    public static int PartialLevels(BinanceStreamKind kind) => kind switch
    {
        BinanceStreamKind.Depth5 or BinanceStreamKind.Depth5Fast => 5,
        BinanceStreamKind.Depth10 or BinanceStreamKind.Depth10Fast => 10,
        BinanceStreamKind.Depth20 or BinanceStreamKind.Depth20Fast => 20,
        _ => 0,
    };

    /// <summary>Split "btcusdt@depth@100ms" into the symbol and the stream kind. Case matters after the '@' (bookTicker).</summary>
    public static bool TryParse(string name, out string symbol, out BinanceStreamKind kind)
    {
        symbol = "";
        kind = default;
        var at = name.IndexOf('@');
        if (at <= 0 || at == name.Length - 1) return false;
        symbol = name[..at];
        var suffix = name[(at + 1)..];
        for (var k = 0; k < Count; k++)
        {
            if (string.Equals(Suffix((BinanceStreamKind)k), suffix, StringComparison.Ordinal))
            {
                kind = (BinanceStreamKind)k;
                return true;
            }
        }
        return false;
    }
}

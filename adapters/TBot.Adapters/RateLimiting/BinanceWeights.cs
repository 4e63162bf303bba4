namespace TBot.Adapters.RateLimiting;

/// <summary>REST request weights of the Binance spot endpoints the adapters call (format doc §4).</summary>
public static class BinanceWeights
{
    /// <summary><c>GET /api/v3/depth</c>: 1–100 → 5, 101–500 → 25, 501–1000 → 50, 1001–5000 → 250.</summary>
    public static int Depth(int limit) => limit switch
    {
        <= 100 => 5,
        <= 500 => 25,
        <= 1000 => 50,
        _ => 250,
    };

    /// <summary><c>GET /api/v3/ticker/bookTicker</c>: 2 for one symbol, 4 for several or all.</summary>
    public static int BookTicker(bool singleSymbol) => singleSymbol ? 2 : 4;

    /// <summary><c>GET /api/v3/klines</c>.</summary>
    public const int Klines = 2;

    /// <summary><c>POST /api/v3/order</c>.</summary>
    public const int Order = 1;

    /// <summary><c>GET /api/v3/exchangeInfo</c>: 20 per Binance's API docs (the format reference does not state it).</summary>
    public const int ExchangeInfo = 20;
}

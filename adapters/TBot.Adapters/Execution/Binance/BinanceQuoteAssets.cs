namespace TBot.Adapters.Execution.Binance;

/// <summary>The quote asset of a Binance symbol: from a configured map (exchangeInfo's quoteAsset), else by suffix.</summary>
internal sealed class BinanceQuoteAssets(IReadOnlyDictionary<string, string>? configured)
{
    // Longest first, so "FDUSD" wins over "USD" and "USDT" over "USD".
    private static readonly string[] CommonQuotes = ["FDUSD", "USDT", "USDC", "TUSD", "BUSD", "EUR", "TRY", "BRL", "BTC", "ETH", "BNB", "USD"];

    public string? Of(string symbol)
    {
        if (configured is not null && configured.TryGetValue(symbol, out var quote)) return quote;
        foreach (var q in CommonQuotes)
            if (symbol.Length > q.Length && symbol.EndsWith(q, StringComparison.Ordinal)) return q;
        return null;
    }
}

namespace TBot.Adapters.History;

/// <summary>What a catalog day holds: trades (Trade events), klines (Candle events) or book (BookSnapshotLevel/BookDelta).</summary>
public enum CatalogKind : byte
{
    Trades = 0,
    Klines = 1,
    Book = 2,
}

public static class CatalogKinds
{
    public static string Name(CatalogKind kind) => kind switch
    {
        CatalogKind.Trades => "trades",
        CatalogKind.Klines => "klines",
        CatalogKind.Book => "book",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public static bool TryParse(string? text, out CatalogKind kind)
    {
        switch (text?.ToLowerInvariant())
        {
            case "trades": kind = CatalogKind.Trades; return true;
            case "klines" or "candles": kind = CatalogKind.Klines; return true;
            case "book": kind = CatalogKind.Book; return true;
            default: kind = default; return false;
        }
    }
}

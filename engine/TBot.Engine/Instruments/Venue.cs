namespace TBot.Engine.Instruments;

/// <summary>Exchanges TBot speaks to. Values are stable: they are written into journals.</summary>
public enum Venue : byte
{
    None = 0,
    Binance = 1,
    Coinbase = 2,
    Okx = 3,
}

public static class VenueNames
{
    public static string Name(Venue venue) => venue switch
    {
        Venue.Binance => "binance",
        Venue.Coinbase => "coinbase",
        Venue.Okx => "okx",
        _ => "none",
    };

    public static bool TryParse(string text, out Venue venue)
    {
        venue = text.Trim().ToLowerInvariant() switch
        {
            "binance" => Venue.Binance,
            "coinbase" => Venue.Coinbase,
            "okx" => Venue.Okx,
            _ => Venue.None,
        };
        return venue != Venue.None;
    }
}

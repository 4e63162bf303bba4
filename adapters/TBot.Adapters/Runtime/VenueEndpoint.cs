using TBot.Engine.Instruments;

namespace TBot.Adapters.Runtime;

/// <summary>Where a venue is reached: its market-data WebSocket and (Binance) the REST base used for depth snapshots.</summary>
public sealed record VenueEndpoint(Venue Venue, Uri WebSocket, Uri? Rest = null)
{
    /// <summary>Coinbase only: which feed the WebSocket speaks (Advanced Trade unless <see cref="CoinbaseExchangeFeed"/>).</summary>
    public string? Feed { get; init; }

    public const string CoinbaseExchangeFeed = "exchange";

    /// <summary>The venues' production endpoints.</summary>
    public static VenueEndpoint Production(Venue venue) => venue switch
    {
        Venue.Binance => new(venue, new Uri("wss://stream.binance.com:9443"), new Uri("https://api.binance.com")),
        Venue.Coinbase => new(venue, new Uri("wss://advanced-trade-ws.coinbase.com")),
        Venue.Okx => new(venue, new Uri("wss://ws.okx.com:8443/ws/v5/public"), new Uri("https://www.okx.com")),
        _ => throw new ArgumentOutOfRangeException(nameof(venue)),
    };

    /// <summary>
    /// Parse "binance=ws://127.0.0.1:9001" (a REST base may follow after a comma: "binance=ws://h:1,http://h:1").
    /// When no REST base is given for a ws:// or wss:// URL, the same host and port over http(s) is assumed,
    /// which is how the simulator serves Binance.
    /// </summary>
    public static VenueEndpoint Parse(string text)
    {
        var eq = text.IndexOf('=');
        if (eq <= 0) throw new FormatException($"Endpoint '{text}' must look like venue=url.");
        if (!VenueNames.TryParse(text[..eq], out var venue)) throw new FormatException($"Unknown venue in endpoint '{text}'.");
        var parts = text[(eq + 1)..].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.Length == 0 || !Uri.TryCreate(parts[0], UriKind.Absolute, out var ws) || ws.Scheme is not ("ws" or "wss"))
            throw new FormatException($"Endpoint '{text}': the first URL must be ws:// or wss://.");
        Uri? rest = null;
        if (parts.Length > 1)
        {
            if (!Uri.TryCreate(parts[1], UriKind.Absolute, out rest) || rest.Scheme is not ("http" or "https"))
                throw new FormatException($"Endpoint '{text}': the REST URL must be http:// or https://.");
        }
        else
        {
            rest = new UriBuilder(ws) { Scheme = ws.Scheme == "wss" ? "https" : "http", Path = "/", Query = "" }.Uri;
        }
        return new VenueEndpoint(venue, ws, rest);
    }
}

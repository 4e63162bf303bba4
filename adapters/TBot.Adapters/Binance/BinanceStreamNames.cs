using System.Text;

namespace TBot.Adapters.Binance;

/// <summary>
/// Builds stream names and WebSocket URLs (edge code). Stream names use the lower-case symbol
/// ("btcusdt@trade"); only ASCII letters are lowered so that the name maps back to the registered symbol
/// through <see cref="TBot.Engine.Instruments.InstrumentRegistry.LookupUpperInvariant"/>, which only raises ASCII.
/// </summary>
public static class BinanceStreamNames
{
    public const string DefaultBaseUrl = "wss://stream.binance.com:9443";

    /// <summary>Market-data-only mirror (no user-data streams).</summary>
    public const string MarketDataBaseUrl = "wss://data-stream.binance.vision";

    /// <summary>Most streams one connection may carry.</summary>
    public const int MaxStreamsPerConnection = 1024;

    public static string BookTicker(string symbol) => Lower(symbol) + "@bookTicker";

    public static string Trade(string symbol) => Lower(symbol) + "@trade";

    public static string AggTrade(string symbol) => Lower(symbol) + "@aggTrade";

    /// <summary>Diff depth: every 100 ms when <paramref name="fast"/>, else every second.</summary>
    public static string Depth(string symbol, bool fast = true) => Lower(symbol) + (fast ? "@depth@100ms" : "@depth");

    /// <summary>Partial book (top <paramref name="levels"/> = 5, 10 or 20), every 100 ms when <paramref name="fast"/>.</summary>
    public static string PartialDepth(string symbol, int levels, bool fast = true)
    {
        if (levels is not (5 or 10 or 20)) throw new ArgumentOutOfRangeException(nameof(levels), "5, 10 or 20");
        return Lower(symbol) + "@depth" + levels.ToString(System.Globalization.CultureInfo.InvariantCulture) + (fast ? "@100ms" : "");
    }

    /// <summary>24 h rolling ticker.</summary>
    public static string Ticker(string symbol) => Lower(symbol) + "@ticker";

    /// <summary><c>&lt;base&gt;/ws/&lt;stream&gt;</c>: raw payloads, one stream.</summary>
    public static string RawUrl(string stream, string baseUrl = DefaultBaseUrl) => baseUrl.TrimEnd('/') + "/ws/" + stream;

    /// <summary><c>&lt;base&gt;/stream?streams=a/b/c</c>: payloads wrapped in {"stream":…,"data":…}.</summary>
    public static string CombinedUrl(IEnumerable<string> streams, string baseUrl = DefaultBaseUrl)
    {
        ArgumentNullException.ThrowIfNull(streams);
        var list = streams.ToList();
        if (list.Count == 0) throw new ArgumentException("At least one stream.", nameof(streams));
        if (list.Count > MaxStreamsPerConnection) throw new ArgumentException($"At most {MaxStreamsPerConnection} streams per connection.", nameof(streams));
        return baseUrl.TrimEnd('/') + "/stream?streams=" + string.Join('/', list);
    }

    /// <summary>Live SUBSCRIBE request: <c>{"method":"SUBSCRIBE","params":[…],"id":1}</c>.</summary>
    public static string Subscribe(IEnumerable<string> streams, long id) => Request("SUBSCRIBE", streams, id);

    /// <summary>Live UNSUBSCRIBE request.</summary>
    public static string Unsubscribe(IEnumerable<string> streams, long id) => Request("UNSUBSCRIBE", streams, id);

    private static string Request(string method, IEnumerable<string> streams, long id)
    {
        ArgumentNullException.ThrowIfNull(streams);
        var sb = new StringBuilder("{\"method\":\"").Append(method).Append("\",\"params\":[");
        var first = true;
        foreach (var stream in streams)
        {
            if (!first) sb.Append(',');
            first = false;
            sb.Append('"').Append(System.Text.Json.JsonEncodedText.Encode(stream).ToString()).Append('"');
        }
        return sb.Append("],\"id\":").Append(id.ToString(System.Globalization.CultureInfo.InvariantCulture)).Append('}').ToString();
    }

    /// <summary>Lower ASCII letters only (see the type remarks).</summary>
    public static string Lower(string symbol)
    {
        ArgumentException.ThrowIfNullOrEmpty(symbol);
        return string.Create(symbol.Length, symbol, static (span, s) =>
        {
            for (var i = 0; i < s.Length; i++)
            {
                var c = s[i];
                span[i] = c is >= 'A' and <= 'Z' ? (char)(c + 32) : c;
            }
        });
    }
}

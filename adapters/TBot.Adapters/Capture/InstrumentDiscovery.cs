using System.Text;
using System.Text.Json;
using TBot.Engine.Instruments;
using TBot.Engine.Numerics;

namespace TBot.Adapters.Capture;

/// <summary>
/// For checking a capture without the venue's instrument metadata: a first pass that collects the symbols
/// a capture mentions (symbol fields, Binance stream names, REST query parameters) and the finest decimal
/// precision written anywhere, and registers every symbol at that precision with no tick/step rule.
/// Edge code (allocates freely); the checking pass itself is the allocation-free ingress path.
/// </summary>
public sealed class InstrumentDiscovery(Venue venue)
{
    private readonly SortedSet<string> _symbols = new(StringComparer.Ordinal);
    private int _maxScale;

    public IReadOnlyCollection<string> Symbols => _symbols;

    public int MaxScale => _maxScale;

    public void Observe(in CaptureRecord record)
    {
        ObserveUrl(record.Url);
        try
        {
            var reader = new Utf8JsonReader(record.Data);
            var lastProperty = Property.Other;
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        lastProperty = reader.ValueTextEquals("s"u8) || reader.ValueTextEquals("symbol"u8) || reader.ValueTextEquals("product_id"u8) || reader.ValueTextEquals("instId"u8)
                            ? Property.Symbol
                            : reader.ValueTextEquals("stream"u8) ? Property.Stream : Property.Other;
                        break;
                    case JsonTokenType.String:
                        var value = reader.ValueSpan;
                        if (lastProperty == Property.Symbol) AddSymbol(Encoding.UTF8.GetString(value));
                        else if (lastProperty == Property.Stream) ObserveStreamName(value);
                        else if (FixedPoint.TryParse(value, out _, out var scale) && scale > _maxScale && scale <= 12) _maxScale = scale;
                        lastProperty = Property.Other;
                        break;
                    default:
                        lastProperty = Property.Other;
                        break;
                }
            }
        }
        catch (JsonException)
        {
            // Malformed payloads are the checking pass's to count.
        }
    }

    /// <summary>Register every discovered symbol (price and quantity scale = the finest precision seen, at least 8).</summary>
    public void RegisterInto(InstrumentRegistry registry)
    {
        var scale = Math.Max(8, _maxScale);
        foreach (var symbol in _symbols) registry.Add(venue, symbol, scale, scale);
    }

    private void ObserveStreamName(ReadOnlySpan<byte> stream)
    {
        // Binance "btcusdt@depth@100ms": the symbol is the lower-cased part before '@'.
        var at = stream.IndexOf((byte)'@');
        if (at > 0 && stream[0] != (byte)'!') AddSymbol(Encoding.UTF8.GetString(stream[..at]).ToUpperInvariant());
    }

    private void ObserveUrl(ReadOnlySpan<byte> url)
    {
        if (url.IsEmpty) return;
        var text = Encoding.UTF8.GetString(url);
        var q = text.IndexOf('?');
        if (q < 0) return;
        foreach (var pair in text[(q + 1)..].Split('&'))
        {
            var eq = pair.IndexOf('=');
            if (eq < 0) continue;
            var key = pair[..eq];
            var value = Uri.UnescapeDataString(pair[(eq + 1)..]);
            if (key is "symbol" or "instId" or "product_id") AddSymbol(value);
            else if (key == "streams")
                foreach (var s in value.Split('/')) ObserveStreamName(Encoding.UTF8.GetBytes(s));
        }
        var ws = text.IndexOf("/ws/", StringComparison.Ordinal);
        if (ws >= 0) ObserveStreamName(Encoding.UTF8.GetBytes(text[(ws + 4)..]));
    }

    private void AddSymbol(string symbol)
    {
        if (symbol.Length is > 0 and <= 64) _symbols.Add(symbol);
    }

    private enum Property
    {
        Other,
        Symbol,
        Stream,
    }
}

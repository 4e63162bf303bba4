using System.Text.Json;
using TBot.Engine.Validation;

namespace TBot.Adapters.Coinbase;

/// <summary>
/// Reader steps shared by both Coinbase parsers. Each "Read…" method is called with the reader on a property
/// name, moves it to the value and checks the value's token type (JSON null counts as absent).
/// </summary>
internal static class CoinbaseJson
{
    /// <summary>Longest product id we unescape (Coinbase ids are ~10 bytes; the registry looks up ≤ 64 chars).</summary>
    public const int MaxSymbolBytes = 64;

    /// <summary>A string value as raw bytes. Escaped text stays escaped: a number written with escapes then
    /// fails to parse (BadNumber), which is fine because Coinbase never escapes numbers.</summary>
    public static RejectReason ReadText(scoped ref Utf8JsonReader reader, out JsonText value)
    {
        reader.Read();
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                value = new JsonText(reader.ValueSpan);
                return RejectReason.None;
            case JsonTokenType.Null:
                value = default;
                return RejectReason.None;
            default:
                value = default;
                return RejectReason.WrongType;
        }
    }

    /// <summary>A product id, unescaped into <paramref name="scratch"/> in the rare case it has escapes.</summary>
    public static RejectReason ReadSymbol(scoped ref Utf8JsonReader reader, byte[] scratch, out JsonText value)
    {
        var reason = ReadText(ref reader, out value);
        if (reason == RejectReason.None && value.Present && reader.ValueIsEscaped && reader.ValueSpan.Length <= scratch.Length)
        {
            var n = reader.CopyString(scratch);
            value = new JsonText(scratch.AsSpan(0, n));
        }
        return reason;
    }

    /// <summary>An integer value (sequence numbers).</summary>
    public static RejectReason ReadInt64(scoped ref Utf8JsonReader reader, out long value, out bool present)
    {
        reader.Read();
        value = 0;
        present = false;
        switch (reader.TokenType)
        {
            case JsonTokenType.Number:
                if (!reader.TryGetInt64(out value)) return RejectReason.WrongType;
                present = true;
                return RejectReason.None;
            case JsonTokenType.Null:
                return RejectReason.None;
            default:
                return RejectReason.WrongType;
        }
    }

    /// <summary>A trade id: an integer (Exchange feed) or a string (Advanced Trade), see <see cref="CoinbaseTradeId"/>.</summary>
    public static RejectReason ReadTradeId(scoped ref Utf8JsonReader reader, out long tradeId)
    {
        reader.Read();
        tradeId = 0;
        switch (reader.TokenType)
        {
            case JsonTokenType.Number:
                return reader.TryGetInt64(out tradeId) ? RejectReason.None : RejectReason.WrongType;
            case JsonTokenType.String:
                tradeId = CoinbaseTradeId.FromText(reader.ValueSpan);
                return RejectReason.None;
            case JsonTokenType.Null:
                return RejectReason.None;
            default:
                return RejectReason.WrongType;
        }
    }

    /// <summary>Skip the value of the current property, whatever it is.</summary>
    public static void SkipValue(scoped ref Utf8JsonReader reader)
    {
        reader.Read();
        reader.Skip();
    }

    /// <summary>
    /// With the reader on a StartArray: skip the array and return its bytes within <paramref name="json"/>
    /// (the reader's input), to be read again by a fresh reader once a sibling field it depends on is known.
    /// </summary>
    public static ReadOnlySpan<byte> CaptureArray(scoped ref Utf8JsonReader reader, ReadOnlySpan<byte> json)
    {
        var start = (int)reader.TokenStartIndex;
        reader.Skip();
        return json[start..(int)reader.BytesConsumed];
    }

    /// <summary>A reader over an array captured by <see cref="CaptureArray"/>, positioned on its StartArray.</summary>
    public static Utf8JsonReader OpenCaptured(ReadOnlySpan<byte> array)
    {
        var reader = new Utf8JsonReader(array);
        reader.Read();
        return reader;
    }
}

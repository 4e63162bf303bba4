using System.Text.Json;
using TBot.Engine.Numerics;
using TBot.Engine.Validation;

namespace TBot.Adapters.Binance;

/// <summary>Small allocation-free conversions shared by the stream and REST parsers.</summary>
internal static class BinanceJson
{
    private const long MaxMillis = long.MaxValue / 1_000_000;

    public static bool TryMillisToNanos(long ms, out long nanos)
    {
        if (ms is > MaxMillis or < -MaxMillis)
        {
            nanos = 0;
            return false;
        }
        nanos = ms * 1_000_000;
        return true;
    }

    /// <summary>
    /// Decimal text → mantissa at the instrument <paramref name="scale"/>. Padding zeros beyond the scale are
    /// fine ("25.35190000" at scale 4); non-zero digits beyond it return <paramref name="misaligned"/>.
    /// </summary>
    public static RejectReason ToFixed(ReadOnlySpan<byte> text, int scale, RejectReason misaligned, out long value, out int decimals)
    {
        value = 0;
        if (!FixedPoint.TryParse(text, out var mantissa, out decimals)) return RejectReason.BadNumber;
        if (FixedPoint.TryRescale(mantissa, decimals, scale, out value)) return RejectReason.None;
        // Rescaling down fails only on lost digits; rescaling up only on overflow.
        return decimals > scale ? misaligned : RejectReason.BadNumber;
    }

    /// <summary>Read the next token, which must be a decimal string, into a mantissa at <paramref name="scale"/>.</summary>
    public static RejectReason ReadDecimal(ref Utf8JsonReader reader, int scale, RejectReason misaligned, out long value, out int decimals)
    {
        value = 0;
        decimals = 0;
        if (!reader.Read()) return RejectReason.MalformedJson;
        if (reader.TokenType is JsonTokenType.EndArray or JsonTokenType.EndObject) return RejectReason.MissingField;
        if (reader.TokenType != JsonTokenType.String) return RejectReason.WrongType;
        if (!reader.ValueIsEscaped) return ToFixed(reader.ValueSpan, scale, misaligned, out value, out decimals);
        if (reader.ValueSpan.Length > BinanceFields.MaxEscapedLength) return RejectReason.BadNumber;
        Span<byte> scratch = stackalloc byte[BinanceFields.MaxEscapedLength];
        var n = reader.CopyString(scratch);
        return ToFixed(scratch[..n], scale, misaligned, out value, out decimals);
    }

    /// <summary>Read the next token, which must be an integer.</summary>
    public static RejectReason ReadInt64(ref Utf8JsonReader reader, out long value)
    {
        value = 0;
        if (!reader.Read()) return RejectReason.MalformedJson;
        if (reader.TokenType is JsonTokenType.EndArray or JsonTokenType.EndObject) return RejectReason.MissingField;
        if (reader.TokenType != JsonTokenType.Number) return RejectReason.WrongType;
        return reader.TryGetInt64(out value) ? RejectReason.None : RejectReason.BadNumber;
    }

    /// <summary>Skip the remaining elements of the current array (legacy extra elements, unused kline fields).</summary>
    public static bool SkipToEndArray(ref Utf8JsonReader reader)
    {
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.EndArray) return true;
            reader.Skip();
        }
        return false;
    }

    public static byte Decimals(int decimals) => (byte)Math.Clamp(decimals, 0, FixedPoint.MaxScale);
}

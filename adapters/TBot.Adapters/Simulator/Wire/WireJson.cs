using System.Buffers.Text;
using System.Text.Json;

namespace TBot.Adapters.Simulator.Wire;

/// <summary>
/// Small Utf8JsonWriter helpers for venue payloads. Decimal and integer strings are written as raw, already
/// quoted ASCII (no escaping pass needed: digits, '.', '-' only), which keeps the writers allocation-free.
/// </summary>
internal static class WireJson
{
    /// <summary>A decimal string value: "25.35190000".</summary>
    public static void Decimal(Utf8JsonWriter w, long mantissa, int scale, NumberStyle style)
    {
        Span<byte> buffer = stackalloc byte[WireNumber.MaxLength + 2];
        buffer[0] = (byte)'"';
        var n = WireNumber.Format(mantissa, scale, style, buffer[1..^1]);
        buffer[n + 1] = (byte)'"';
        w.WriteRawValue(buffer[..(n + 2)], skipInputValidation: true);
    }

    public static void Decimal(Utf8JsonWriter w, JsonEncodedText name, long mantissa, int scale, NumberStyle style)
    {
        w.WritePropertyName(name);
        Decimal(w, mantissa, scale, style);
    }

    /// <summary>An integer written as a JSON string ("1597026383085"), as OKX sends timestamps and ids.</summary>
    public static void IntegerString(Utf8JsonWriter w, long value)
    {
        Span<byte> buffer = stackalloc byte[24];
        buffer[0] = (byte)'"';
        Utf8Formatter.TryFormat(value, buffer[1..], out var n);
        buffer[n + 1] = (byte)'"';
        w.WriteRawValue(buffer[..(n + 2)], skipInputValidation: true);
    }

    public static void IntegerString(Utf8JsonWriter w, JsonEncodedText name, long value)
    {
        w.WritePropertyName(name);
        IntegerString(w, value);
    }

    /// <summary>An ASCII string known to need no escaping (symbols, enums, timestamps), written without an escaping pass.</summary>
    public static void Ascii(Utf8JsonWriter w, ReadOnlySpan<byte> ascii)
    {
        Span<byte> buffer = stackalloc byte[ascii.Length + 2];
        buffer[0] = (byte)'"';
        ascii.CopyTo(buffer[1..]);
        buffer[^1] = (byte)'"';
        w.WriteRawValue(buffer, skipInputValidation: true);
    }

    public static void Ascii(Utf8JsonWriter w, JsonEncodedText name, ReadOnlySpan<byte> ascii)
    {
        w.WritePropertyName(name);
        Ascii(w, ascii);
    }

    /// <summary>An RFC 3339 UTC timestamp string with <paramref name="fractionDigits"/> fractional digits.</summary>
    public static void Rfc3339(Utf8JsonWriter w, JsonEncodedText name, long unixNs, int fractionDigits)
    {
        Span<byte> buffer = stackalloc byte[40];
        var n = WireTime.FormatRfc3339(unixNs, fractionDigits, buffer);
        w.WritePropertyName(name);
        Ascii(w, buffer[..n]);
    }

    /// <summary>A UUID-shaped id ("ac928c66-ca53-498f-9c13-a110027a60e8") derived from two numbers, deterministic.</summary>
    public static void Uuid(Utf8JsonWriter w, JsonEncodedText name, ulong a, ulong b)
    {
        Span<byte> buffer = stackalloc byte[36];
        var hi = Market.SeededRandom.Mix(a, b);
        var lo = Market.SeededRandom.Mix(b, a ^ 0xA5A5A5A5UL);
        var k = 0;
        for (var i = 0; i < 32; i++)
        {
            if (i is 8 or 12 or 16 or 20) buffer[k++] = (byte)'-';
            var nibble = (int)((i < 16 ? hi >> (60 - 4 * i) : lo >> (60 - 4 * (i - 16))) & 0xF);
            buffer[k++] = (byte)"0123456789abcdef"[nibble];
        }
        w.WritePropertyName(name);
        Ascii(w, buffer);
    }
}

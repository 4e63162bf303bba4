namespace TBot.Adapters.Coinbase;

/// <summary>
/// Advanced Trade sends trade ids as strings. Numeric ones ("995098700") become their value so that they
/// line up with the Exchange feed's integer ids; anything else (UUID-like ids) is hashed with FNV-1a 64 so
/// that duplicate detection still works. Hashes are returned negative (sign bit set) and therefore never
/// collide with a numeric id.
/// </summary>
public static class CoinbaseTradeId
{
    private const ulong FnvOffsetBasis = 14_695_981_039_346_656_037;
    private const ulong FnvPrime = 1_099_511_628_211;
    private const ulong HashMarker = 1UL << 63;

    /// <summary>The id for <paramref name="utf8"/>: its value when it is 1–18 decimal digits, 0 when empty,
    /// otherwise a stable negative hash of the bytes.</summary>
    public static long FromText(ReadOnlySpan<byte> utf8)
    {
        if (utf8.IsEmpty) return 0;
        if (utf8.Length <= 18 && TryDigits(utf8, out var value)) return value;
        return (long)(Fnv1a64(utf8) | HashMarker);
    }

    /// <summary>FNV-1a, 64 bit, over the bytes.</summary>
    public static ulong Fnv1a64(ReadOnlySpan<byte> utf8)
    {
        var hash = FnvOffsetBasis;
        foreach (var b in utf8)
        {
            hash ^= b;
            hash *= FnvPrime;
        }
        return hash;
    }

    private static bool TryDigits(ReadOnlySpan<byte> utf8, out long value)
    {
        value = 0;
        foreach (var c in utf8)
        {
            var d = (uint)(c - '0');
            if (d > 9) return false;
            value = value * 10 + d;
        }
        return true;
    }
}

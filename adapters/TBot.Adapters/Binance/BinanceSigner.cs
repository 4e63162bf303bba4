using System.Security.Cryptography;
using System.Text;

namespace TBot.Adapters.Binance;

/// <summary>
/// HMAC-SHA256 request signing for SIGNED endpoints: signature = lowercase hex of
/// HMAC_SHA256(secretKey, payload), where payload is the exact query string (then body) being sent,
/// already percent-encoded. The secret is kept as bytes and never printed.
/// </summary>
public sealed class BinanceSigner
{
    /// <summary>Length of the hex signature.</summary>
    public const int SignatureLength = 64;

    private readonly byte[] _secret;

    public BinanceSigner(string secretKey)
    {
        ArgumentException.ThrowIfNullOrEmpty(secretKey);
        _secret = Encoding.UTF8.GetBytes(secretKey);
    }

    /// <summary>Write the 64 lowercase hex chars of the signature; returns the number written.</summary>
    public int Sign(ReadOnlySpan<byte> payload, Span<byte> hexDestination)
    {
        if (hexDestination.Length < SignatureLength) throw new ArgumentException("Need 64 bytes.", nameof(hexDestination));
        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(_secret, payload, mac);
        for (var i = 0; i < mac.Length; i++)
        {
            hexDestination[2 * i] = HexDigit(mac[i] >> 4);
            hexDestination[(2 * i) + 1] = HexDigit(mac[i] & 0xF);
        }
        return SignatureLength;
    }

    /// <summary>The lowercase hex signature of <paramref name="payload"/> (ASCII, percent-encoded).</summary>
    public string Sign(string payload)
    {
        ArgumentNullException.ThrowIfNull(payload);
        return Convert.ToHexStringLower(HMACSHA256.HashData(_secret, Encoding.UTF8.GetBytes(payload)));
    }

    /// <summary><paramref name="payload"/> + "&amp;signature=" + its signature, ready to send.</summary>
    public string SignQuery(string payload) => payload + "&signature=" + Sign(payload);

    /// <summary>Percent-encode a parameter value (UTF-8, RFC 3986) before it goes into the signed payload.</summary>
    public static string Encode(string value) => Uri.EscapeDataString(value);

    private static byte HexDigit(int nibble) => (byte)(nibble < 10 ? '0' + nibble : 'a' + nibble - 10);
}

using System.Security.Cryptography;
using System.Text;

namespace TBot.Adapters.Simulator.Signing;

/// <summary>
/// Binance request signing as the simulator verifies it: lowercase hex of HMAC-SHA256(secret, payload), where the
/// payload is the exact query string followed by the exact body (no separator), without the signature parameter.
/// Kept separate from the client-side signer so the two implementations check each other.
/// </summary>
public sealed class HmacSha256Signer
{
    private readonly byte[] _key;

    public HmacSha256Signer(string secret) => _key = Encoding.UTF8.GetBytes(secret);

    /// <summary>Lowercase hex signature of <paramref name="payload"/> (ASCII, already percent-encoded).</summary>
    public string Sign(string payload) => Sign(Encoding.UTF8.GetBytes(payload));

    public string Sign(ReadOnlySpan<byte> payload)
    {
        Span<byte> mac = stackalloc byte[32];
        HMACSHA256.HashData(_key, payload, mac);
        return Convert.ToHexStringLower(mac);
    }

    /// <summary>Constant-time check of a hex signature (either case) against the payload.</summary>
    public bool Verify(string payload, string signatureHex)
    {
        if (signatureHex.Length != 64) return false;
        Span<byte> expected = stackalloc byte[32];
        HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(payload), expected);
        Span<byte> given = stackalloc byte[32];
        for (var i = 0; i < 32; i++)
        {
            var hi = HexValue(signatureHex[2 * i]);
            var lo = HexValue(signatureHex[2 * i + 1]);
            if (hi < 0 || lo < 0) return false;
            given[i] = (byte)(hi << 4 | lo);
        }
        return CryptographicOperations.FixedTimeEquals(expected, given);
    }

    private static int HexValue(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        >= 'A' and <= 'F' => c - 'A' + 10,
        _ => -1,
    };
}

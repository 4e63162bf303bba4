using System.Text;

namespace TBot.Adapters.Simulator.Wire;

/// <summary>
/// Query-string and form-body parameters of a REST request (query wins over body, as on Binance), plus what a
/// signature covers: the query string then the body, each exactly as sent minus the signature parameter.
/// </summary>
internal sealed class RequestParameters
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

    private RequestParameters(string signedPayload, string? signature)
    {
        SignedPayload = signedPayload;
        Signature = signature;
    }

    /// <summary>What the HMAC covers.</summary>
    public string SignedPayload { get; }

    /// <summary>The signature parameter, if sent.</summary>
    public string? Signature { get; }

    public static RequestParameters Parse(string? rawQuery, string? rawBody)
    {
        var query = rawQuery is { Length: > 0 } && rawQuery[0] == '?' ? rawQuery[1..] : rawQuery ?? "";
        var body = rawBody ?? "";
        var strippedQuery = Strip(query, out var querySignature);
        var strippedBody = Strip(body, out var bodySignature);
        var p = new RequestParameters(strippedQuery + strippedBody, querySignature ?? bodySignature);
        p.Add(body);
        p.Add(query); // query wins
        return p;
    }

    public string? this[string name] => _values.TryGetValue(name, out var v) && v.Length > 0 ? v : null;

    public bool Has(string name) => _values.ContainsKey(name);

    private void Add(string raw)
    {
        foreach (var pair in raw.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=');
            var key = Decode(eq < 0 ? pair : pair[..eq]);
            var value = eq < 0 ? "" : Decode(pair[(eq + 1)..]);
            _values[key] = value;
        }
    }

    private static string Decode(string s) => Uri.UnescapeDataString(s.Replace('+', ' '));

    /// <summary>Remove "signature=..." keeping every other byte as sent.</summary>
    private static string Strip(string raw, out string? signature)
    {
        signature = null;
        if (raw.Length == 0) return raw;
        var sb = new StringBuilder(raw.Length);
        foreach (var pair in raw.Split('&'))
        {
            if (pair.StartsWith("signature=", StringComparison.Ordinal))
            {
                signature = pair["signature=".Length..];
                continue;
            }
            if (sb.Length > 0) sb.Append('&');
            sb.Append(pair);
        }
        return sb.ToString();
    }
}

using System.Globalization;
using System.Net;

namespace TBot.Host.Http;

/// <summary>
/// Where <c>tbot run</c> serves <c>/health</c> and <c>/metrics</c> (<c>--http ADDRESS:PORT</c>, <c>--http-token</c>).
/// Without <c>--http</c> it is <see cref="DefaultEndpoint"/>; <c>--http off</c> serves nothing. Only loopback is
/// served without a token: any other address needs <c>--http-token</c>, and every request must then carry it.
/// </summary>
public sealed record HttpEndpointSettings(IPEndPoint Endpoint, string? Token, bool IsDefault)
{
    /// <summary>The fixed default port (9464, also the OpenTelemetry Prometheus exporter's default).</summary>
    public const int DefaultPort = 9464;

    public static IPEndPoint DefaultEndpoint => new(IPAddress.Loopback, DefaultPort);

    /// <summary>The settings from the two flags, or null when HTTP is off; problems are added, never thrown.</summary>
    public static HttpEndpointSettings? Resolve(string? http, string? token, List<string> problems)
    {
        if (token is { Length: 0 } || (token is not null && string.IsNullOrWhiteSpace(token)))
        {
            problems.Add("--http-token: the token is empty.");
            return null;
        }
        if (string.Equals(http, "off", StringComparison.OrdinalIgnoreCase))
        {
            if (token is not null) problems.Add("--http-token given with --http off.");
            return null;
        }
        if (http is null) return new HttpEndpointSettings(DefaultEndpoint, token, IsDefault: true);
        if (!TryParse(http, out var endpoint))
        {
            problems.Add($"--http {http}: expected ADDRESS:PORT (e.g. 127.0.0.1:{DefaultPort} or [::1]:{DefaultPort}), or off.");
            return null;
        }
        if (!IPAddress.IsLoopback(endpoint.Address) && token is null)
        {
            problems.Add($"--http {http}: serving on a non-loopback address needs --http-token (requests must then send 'Authorization: Bearer TOKEN').");
            return null;
        }
        return new HttpEndpointSettings(endpoint, token, IsDefault: false);
    }

    private static bool TryParse(string text, out IPEndPoint endpoint)
    {
        endpoint = null!;
        if (!IPEndPoint.TryParse(text, out var parsed) || parsed.Port is <= 0 or > 65535) return false;
        // IPEndPoint.TryParse accepts a bare address with port 0; a port is required here.
        if (!text.EndsWith(":" + parsed.Port.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)) return false;
        endpoint = parsed;
        return true;
    }

    /// <summary>Base address for printing and clients, e.g. http://127.0.0.1:9464.</summary>
    public string BaseUrl => $"http://{Endpoint}";
}

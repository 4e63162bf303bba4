using System.Text.Json.Serialization;

namespace TBot.Host.Configuration;

/// <summary>The <c>http</c> section: where <c>/health</c> and <c>/metrics</c> are served. <c>--http</c> and
/// <c>--http-token</c> win over it.</summary>
public sealed class HttpConfig
{
    /// <summary>ADDRESS:PORT, or "off". Default 127.0.0.1:9464.</summary>
    [JsonPropertyName("address")] public string? Address { get; set; }

    /// <summary>Bearer token; required off loopback. A secret: prefer <c>TBOT_HTTP__TOKEN</c> in an EnvironmentFile.</summary>
    [JsonPropertyName("token")] public string? Token { get; set; }
}

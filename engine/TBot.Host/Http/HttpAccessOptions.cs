namespace TBot.Host.Http;

/// <summary>Access to the run's HTTP endpoints (bound from <c>--http-token</c>).</summary>
public sealed class HttpAccessOptions
{
    /// <summary>When set, every request must send <c>Authorization: Bearer TOKEN</c>; required off loopback.</summary>
    public string? Token { get; set; }
}

using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace TBot.Host.Http;

/// <summary>Refuses requests without the configured bearer token (401); passes everything when no token is set.
/// The comparison takes the same time whatever the token sent.</summary>
public sealed class BearerTokenMiddleware(RequestDelegate next, IOptions<HttpAccessOptions> options, ILogger<BearerTokenMiddleware> log)
{
    private readonly byte[]? _expected = options.Value.Token is { } t ? Encoding.UTF8.GetBytes("Bearer " + t) : null;

    public Task InvokeAsync(HttpContext context)
    {
        if (_expected is null) return next(context);
        var sent = Encoding.UTF8.GetBytes(context.Request.Headers.Authorization.ToString());
        if (CryptographicOperations.FixedTimeEquals(sent, _expected)) return next(context);
        // The dashboard's GETs may carry the token as ?token= or cookie (a browser cannot set the header there).
        if (Dashboard.DashboardAccess.AlternateToken(context.Request) is { } alternate
            && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes("Bearer " + alternate), _expected)) return next(context);
        log.LogWarning("Refused {Method} {Path} from {Remote}: missing or wrong bearer token",
            context.Request.Method, context.Request.Path, context.Connection.RemoteIpAddress);
        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        context.Response.Headers.WWWAuthenticate = "Bearer";
        return Task.CompletedTask;
    }
}

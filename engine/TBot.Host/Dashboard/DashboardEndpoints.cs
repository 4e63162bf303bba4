using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace TBot.Host.Dashboard;

/// <summary>The dashboard's routes: <c>GET /</c> (the page), <c>GET /dashboard/app.js|app.css</c>, <c>GET /ws</c> (the feed).
/// The files are embedded in the binary (no build step, nothing fetched from elsewhere).</summary>
public static class DashboardEndpoints
{
    private static readonly (string Path, string Resource, string ContentType)[] Files =
    [
        ("/", "index.html", "text/html; charset=utf-8"),
        ("/dashboard/app.js", "app.js", "text/javascript; charset=utf-8"),
        ("/dashboard/app.css", "app.css", "text/css; charset=utf-8"),
    ];

    // The page talks only to its own origin; no inline scripts, no third-party anything.
    private const string ContentSecurityPolicy = "default-src 'self'; connect-src 'self'; img-src 'self' data:; frame-ancestors 'none'";

    public static IServiceCollection AddDashboard(this IServiceCollection services)
    {
        services.AddSingleton<DashboardFeed>();
        services.AddSingleton<IHostedService, DashboardFeedService>();
        return services;
    }

    public static WebApplication MapDashboard(this WebApplication app)
    {
        app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.FromSeconds(20) });
        foreach (var (path, resource, type) in Files)
        {
            var bytes = Load(resource);
            app.MapGet(path, (HttpContext context) =>
            {
                context.Response.Headers.CacheControl = "no-store";
                context.Response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
                context.Response.Headers.XContentTypeOptions = "nosniff";
                // A token that came as ?token= (already checked by BearerTokenMiddleware) becomes a cookie for the
                // page's assets and its WebSocket; SameSite=Strict keeps other sites from riding on it.
                if (context.Request.Query.TryGetValue("token", out var token) && token.Count == 1 && !string.IsNullOrEmpty(token[0]))
                    context.Response.Cookies.Append(DashboardAccess.CookieName, token[0]!, new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Strict, Path = "/" });
                return Results.Bytes(bytes, type);
            });
        }
        app.Map("/ws", async (HttpContext context, DashboardFeed feed, IHostApplicationLifetime lifetime) =>
        {
            if (!context.WebSockets.IsWebSocketRequest) return Results.BadRequest("WebSocket only");
            // Browsers send Origin on WebSockets and do not enforce same-origin on them: refuse other sites' pages.
            if (context.Request.Headers.Origin is { Count: 1 } origin && !SameOrigin(origin[0], context.Request))
                return Results.StatusCode(StatusCodes.Status403Forbidden);
            using var socket = await context.WebSockets.AcceptWebSocketAsync().ConfigureAwait(false);
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, lifetime.ApplicationStopping);
            await feed.RunClientAsync(socket, stop.Token).ConfigureAwait(false);
            return Results.Empty;
        });
        return app;
    }

    private static bool SameOrigin(string? origin, HttpRequest request) =>
        Uri.TryCreate(origin, UriKind.Absolute, out var uri) && string.Equals(uri.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase);

    private static byte[] Load(string name)
    {
        var assembly = Assembly.GetExecutingAssembly();
        using var stream = assembly.GetManifestResourceStream("TBot.Host.Dashboard.wwwroot." + name)
            ?? throw new InvalidOperationException($"The dashboard file {name} is not embedded in {assembly.GetName().Name}.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}

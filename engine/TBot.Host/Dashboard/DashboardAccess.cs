using Microsoft.AspNetCore.Http;

namespace TBot.Host.Dashboard;

/// <summary>
/// How a browser proves it has the <c>--http-token</c> for the read-only dashboard (it cannot set an Authorization
/// header on a page load or a WebSocket): a <c>?token=</c> query or the <see cref="CookieName"/> cookie the page
/// sets from it, accepted only for GET requests of the dashboard's own paths. Control actions under <c>/api/</c> still
/// need <c>Authorization: Bearer</c>, which the cookie never grants.
/// </summary>
public static class DashboardAccess
{
    public const string CookieName = "tbot_token";

    /// <summary>The dashboard's paths: the page, its assets, the feed.</summary>
    public static bool IsDashboardPath(PathString path) =>
        path == "/" || path == "/ws" || path.StartsWithSegments("/dashboard");

    /// <summary>The token a dashboard request carries outside the Authorization header, if any.</summary>
    public static string? AlternateToken(HttpRequest request)
    {
        if (!HttpMethods.IsGet(request.Method) || !IsDashboardPath(request.Path)) return null;
        if (request.Query.TryGetValue("token", out var q) && q.Count == 1 && !string.IsNullOrEmpty(q[0])) return q[0];
        return request.Cookies.TryGetValue(CookieName, out var c) && !string.IsNullOrEmpty(c) ? c : null;
    }
}

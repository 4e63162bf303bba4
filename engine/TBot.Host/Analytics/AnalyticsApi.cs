using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Builder;
using TBot.Host.Commands;
using TBot.Host.Http;

namespace TBot.Host.Analytics;

/// <summary>
/// <c>GET /api/analytics?from=&amp;to=&amp;bot=</c>: the report of <c>tbot analytics</c> (same JSON) for the running
/// engine's journal. Without a window it comes from the run's live projection; with one, the journal is read again
/// from the live projection's last <see cref="WindowSeed"/> before the window's start (positions, book and open orders
/// as of then; position 0 without one) up to the live projection's position. 400 with
/// <c>{"error": ...}</c> on bad parameters, 429 while another windowed request is reading; read access like the other read APIs (the bearer token when one is set).
/// </summary>
public static class AnalyticsApi
{
    public static void Map(IEndpointRouteBuilder app) => app.MapGet("/api/analytics", GetAsync);

    public static async Task<IResult> GetAsync(HttpRequest request, RunView view, CancellationToken cancellationToken)
    {
        var q = request.Query;
        foreach (var key in q.Keys)
            if (key is not ("bot" or "from" or "to"))
                return Error(400, $"unknown parameter '{key}' (bot, from, to).");
        var problems = new List<string>();
        var fromNs = TimeArgument.Parse(Single(q["from"]), "from", problems);
        var toNs = TimeArgument.Parse(Single(q["to"]), "to", problems);
        if (fromNs is { } f && toNs is { } t && t <= f) problems.Add("to must be after from.");
        if (problems.Count > 0) return Error(400, string.Join(" ", problems));
        if (view.Parts?.Analytics is not { } analytics) return Error(503, "the engine is starting");
        if (!AnalyticsBot.TryResolve(Single(q["bot"]), analytics.Bots, out var botId, out var error)) return Error(400, error!);

        var stages = analytics.Stages(view.Parts.Latency);
        var window = new AnalyticsWindow(fromNs, toNs);
        AnalyticsReport report;
        if (window.IsAll)
        {
            report = analytics.Projection.Report(botId, analytics.Bots, stages);
        }
        else
        {
            if (!await analytics.ScanGate.WaitAsync(0, cancellationToken).ConfigureAwait(false))
                return Error(429, "another windowed analytics request is reading the journal; retry when it is done.");
            try
            {
                var upTo = analytics.Projection.Checkpoint;
                // Read from the last seed before the window (positions, book, open orders as of then), else from 0.
                var seed = window.FromNs is { } from ? analytics.Seeds.Before(from, upTo) : null;
                var scanned = await Task.Run(() => AnalyticsScan.Run(analytics.Directory, window, upTo, cancellationToken, seed), cancellationToken).ConfigureAwait(false);
                report = scanned.Report(botId, analytics.Bots, stages);
                // How much was read, for operators (the JSON is the same whichever seed was used).
                request.HttpContext.Response.Headers["X-Analytics-Read"] = $"from_position={scanned.StartPosition}; records={scanned.RecordsRead}";
            }
            finally
            {
                analytics.ScanGate.Release();
            }
        }
        return Results.Json(report, AnalyticsJson.Options);
    }

    private static string? Single(Microsoft.Extensions.Primitives.StringValues values) => values.Count == 0 ? null : values[^1];

    private static IResult Error(int status, string message) => Results.Json(new { error = message }, statusCode: status);
}

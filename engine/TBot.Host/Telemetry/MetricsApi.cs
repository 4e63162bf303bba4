using Microsoft.AspNetCore.Http;
using TBot.Host.Http;

namespace TBot.Host.Telemetry;

/// <summary>
/// <c>GET /api/metrics?bot=..&amp;from=..&amp;to=..</c>: the engine's 1-minute aggregates (from
/// <c>engine_metrics</c> when PostgreSQL is configured, else the run's in-memory history) and the bots' rows of
/// <c>performance_metrics</c> (PostgreSQL only), grouped by time. 400 with <c>{"error": ...}</c> on bad parameters.
/// </summary>
public static class MetricsApi
{
    public sealed record TimeValues(DateTime Time, SortedDictionary<string, double> Values);

    public sealed record BotValues(int Bot, DateTime Time, SortedDictionary<string, double> Values);

    public sealed record Answer(DateTime From, DateTime To, int? Bot, string EngineSource, List<TimeValues> Engine, string? BotSource, List<BotValues> Bots);

    public static async Task<IResult> GetAsync(HttpRequest request, RunView view, CancellationToken cancellationToken)
    {
        var q = request.Query;
        foreach (var key in q.Keys)
            if (key is not ("bot" or "from" or "to"))
                return Results.Json(new { error = $"unknown parameter '{key}' (bot, from, to)." }, statusCode: 400);
        if (!MetricsQuery.TryParse(q["from"], q["to"], q["bot"], DateTime.UtcNow, out var query, out var error))
            return Results.Json(new { error }, statusCode: 400);
        if (view.Parts is not { } parts) return Results.Json(new { error = "the engine is starting" }, statusCode: 503);

        List<TimeValues> engine;
        string engineSource;
        List<BotValues> bots = [];
        string? botSource = null;
        if (parts.Projections.Postgres is { } source)
        {
            var store = new EngineMetricsStore(source, parts.Session.Writer.Manifest.JournalId);
            try
            {
                engine = [.. (await store.EngineRowsAsync(query.FromUtc, query.ToUtc, cancellationToken).ConfigureAwait(false))
                    .GroupBy(r => r.Time).Select(g => new TimeValues(g.Key, Values(g)))];
                bots = [.. (await store.BotRowsAsync(query.BotId, query.FromUtc, query.ToUtc, cancellationToken).ConfigureAwait(false))
                    .GroupBy(r => (r.BotId!.Value, r.Time)).Select(g => new BotValues(g.Key.Value, g.Key.Time, Values(g)))];
                engineSource = "postgres";
                botSource = "postgres";
            }
            catch (Npgsql.NpgsqlException ex)
            {
                return Results.Json(new { error = $"PostgreSQL: {ex.Message}" }, statusCode: 503);
            }
        }
        else
        {
            engine = [.. (parts.History?.Range(query.FromUtc, query.ToUtc) ?? []).Select(m => new TimeValues(m.StartUtc, m.Values))];
            engineSource = "memory";
        }
        return Results.Json(new Answer(query.FromUtc, query.ToUtc, query.BotId, engineSource, engine, botSource, bots));
    }

    private static SortedDictionary<string, double> Values(IEnumerable<MetricRow> rows)
    {
        var values = new SortedDictionary<string, double>(StringComparer.Ordinal);
        foreach (var r in rows) values[r.Metric] = r.Value;
        return values;
    }
}

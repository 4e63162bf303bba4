using Npgsql;
using TBot.Engine.Journal;
using TBot.Persistence.Postgres.History;
using TBot.Persistence.Postgres.Warm;

namespace TBot.Host.Stores;

/// <summary>
/// <c>tbot db reproject</c>: applies a journal range to the PostgreSQL projections again. Every projection is
/// idempotent on its natural keys, so the rows end up exactly as a first application leaves them; the checkpoints
/// only ever move forward. Names are the live run's (<c>{projection}:{journal id}</c>), so a running engine and a
/// reprojection agree on where each store is.
/// </summary>
public static class PostgresReprojection
{
    public static readonly string[] Projections = ["warm_tables", "market_data", "performance_metrics"];

    public static async Task<SortedDictionary<string, ProjectionResult>> RunAsync(string connectionString, NpgsqlDataSource dataSource, string journalDirectory,
        long fromPosition, long toPosition, IReadOnlyCollection<string> only, CancellationToken cancellationToken)
    {
        var id = JournalManifest.Load(journalDirectory).JournalId;
        await new PostgresSchemaGate(connectionString, migrate: false, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance, id)
            .EnsureAsync(cancellationToken).ConfigureAwait(false);
        var results = new SortedDictionary<string, ProjectionResult>(StringComparer.Ordinal);
        if (Wanted("warm_tables", only))
            results["warm_tables"] = await new WarmTableProjection(dataSource, journalDirectory, name: $"warm_tables:{id}")
                .ApplyRangeAsync(fromPosition, toPosition, cancellationToken).ConfigureAwait(false);
        if (Wanted("market_data", only))
            results["market_data"] = await new MarketDataProjection(dataSource, journalDirectory, name: $"market_data:{id}")
                .ApplyRangeAsync(fromPosition, toPosition, cancellationToken).ConfigureAwait(false);
        if (Wanted("performance_metrics", only))
            results["performance_metrics"] = await new PerformanceMetricsProjection(dataSource, journalDirectory, name: $"performance_metrics:{id}")
                .ApplyRangeAsync(fromPosition, toPosition, cancellationToken).ConfigureAwait(false);
        return results;
    }

    private static bool Wanted(string name, IReadOnlyCollection<string> only) => only.Count == 0 || only.Contains(name);
}

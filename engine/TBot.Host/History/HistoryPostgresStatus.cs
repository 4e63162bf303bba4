using System.Text.Json.Serialization;
using Npgsql;
using TBot.Adapters.History;
using TBot.Engine.Events;
using TBot.Engine.Journal;
using TBot.Persistence.Postgres.History;

namespace TBot.Host.History;

/// <summary>
/// <c>tbot history status --postgres</c>: per venue, symbol, kind and day, the catalog's records next to what
/// PostgreSQL holds: the stored position of the day's checkpoint and market_data's row count for that UTC day.
/// market_data days are by row time: a klines day's last bar closes at the next midnight, so it counts there.
/// Rows PostgreSQL has without a catalog day (a live run's market data, a deleted catalog day) are listed too.
/// </summary>
public static class HistoryPostgresStatus
{
    public static async Task<List<HistoryPostgresStatusRow>> ReadAsync(string connectionString, IReadOnlyList<CatalogStatusRow> catalog,
        CancellationToken cancellationToken)
    {
        await using var source = NpgsqlDataSource.Create(connectionString);
        var stored = await HistoryStoredRows.ReadAsync(source, cancellationToken).ConfigureAwait(false);
        var checkpoints = await HistoryStoredRows.ReadCheckpointsAsync(source, cancellationToken).ConfigureAwait(false);

        var rows = new SortedDictionary<(string, string, string, string), HistoryPostgresStatusRow>();
        HistoryPostgresStatusRow Row(string venue, string symbol, string kind, string day) =>
            rows.TryGetValue((venue, symbol, kind, day), out var r) ? r
                : rows[(venue, symbol, kind, day)] = new HistoryPostgresStatusRow { Venue = venue, Symbol = symbol, Kind = kind, Day = day };

        foreach (var c in catalog)
        {
            var row = Row(c.Venue, c.Symbol, c.Kind, c.Day);
            row.CatalogRecords = c.Records;
            var journalId = JournalManifest.Load(c.Path).JournalId;
            row.StoredPosition = checkpoints.GetValueOrDefault($"history:{c.Venue}:{c.Symbol}:{c.Kind}:{c.Day}:{journalId}");
        }
        foreach (var s in stored)
        {
            var row = Row(s.Venue, s.Symbol, KindName(s.Kind), CatalogLayout.DayName(s.Day));
            row.PostgresRows = (row.PostgresRows ?? 0) + s.Rows;
        }
        return [.. rows.Values];
    }

    /// <summary>The catalog's kind names for what it stores (trades, klines, book); other market kinds by their engine name.</summary>
    public static string KindName(short kind) => (MarketEventKind)kind switch
    {
        MarketEventKind.Trade => CatalogKinds.Name(CatalogKind.Trades),
        MarketEventKind.Candle => CatalogKinds.Name(CatalogKind.Klines),
        MarketEventKind.BookDelta or MarketEventKind.BookSnapshotLevel => CatalogKinds.Name(CatalogKind.Book),
        var other => other.ToString().ToLowerInvariant(),
    };
}

public sealed class HistoryPostgresStatusRow
{
    [JsonPropertyName("venue")] public string Venue { get; set; } = "";
    [JsonPropertyName("symbol")] public string Symbol { get; set; } = "";
    [JsonPropertyName("kind")] public string Kind { get; set; } = "";
    [JsonPropertyName("day")] public string Day { get; set; } = "";
    /// <summary>Records of the catalog day (null: no such catalog day).</summary>
    [JsonPropertyName("catalog_records")] public long? CatalogRecords { get; set; }
    /// <summary>Journal position the day's checkpoint has stored (0: not stored; null: no catalog day).</summary>
    [JsonPropertyName("stored_position")] public long? StoredPosition { get; set; }
    /// <summary>market_data rows of that UTC day (null: none).</summary>
    [JsonPropertyName("postgres_rows")] public long? PostgresRows { get; set; }
}

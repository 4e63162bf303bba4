namespace TBot.Persistence.Postgres.History;

/// <summary>Table names that are spliced into SQL text (partition DDL cannot take them as parameters): only the
/// four partitioned history tables are accepted.</summary>
internal static class SqlIdentifiers
{
    public static readonly IReadOnlyList<string> HistoryTables = ["market_data", "order_history", "trade_history", "performance_metrics"];

    public static void RequireHistoryTable(string table)
    {
        if (!HistoryTables.Contains(table))
            throw new ArgumentException($"'{table}' is not a partitioned history table ({string.Join(", ", HistoryTables)}).", nameof(table));
    }
}

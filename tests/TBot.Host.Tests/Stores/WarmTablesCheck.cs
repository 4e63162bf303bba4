using Npgsql;
using TBot.Engine.Events;

namespace TBot.Host.Tests.Stores;

/// <summary>
/// The PostgreSQL side of a run compared with its journal: every table the warm projection writes holds exactly
/// the journal's orders, fills and positions (contents, not just counts: a lost row and a duplicate both show),
/// and its checkpoint is the journal's end.
/// </summary>
internal static class WarmTablesCheck
{
    public static async Task AssertEqualAsync(string connectionString, JournalFacts journal, bool expectMarketData)
    {
        var ct = TestContext.Current.CancellationToken;
        // Unpooled: a pooled connection may predate a server restart the test caused, and be dead.
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync(ct);

        Assert.Equal(journal.LastPosition, await ScalarAsync<long>(connection, $"SELECT position FROM projection_checkpoints WHERE projection = 'warm_tables:{journal.JournalId}'"));

        // orders: one row per client order id of the journal, in the state of its last decision.
        var orders = new Dictionary<long, (string Status, decimal Filled, int Instrument)>();
        await foreach (var r in RowsAsync(connection, "SELECT client_order_id, status, filled_quantity, instrument_id FROM orders"))
            orders[r.GetInt64(0)] = (r.GetString(1), r.GetDecimal(2), r.GetInt32(3));
        Assert.Equal(journal.Orders.Keys.Order(), orders.Keys.Order());
        foreach (var (id, o) in journal.Orders)
        {
            var row = orders[id];
            Assert.True(o.Status.Value == row.Status, $"order {id}: status {row.Status} in the table, {o.Status} in the journal");
            Assert.True(journal.Quantity(o.InstrumentId, o.FilledQuantity) == row.Filled, $"order {id}: filled {row.Filled} in the table, {journal.Quantity(o.InstrumentId, o.FilledQuantity)} in the journal");
        }

        // trades and trade_history: exactly the journal's fills, each once, with its price and quantity.
        var fills = journal.Fills.Select(f => (f.ClientOrderId, f.TradeId, f.Price, f.Quantity)).Order().ToList();
        Assert.Equal(fills.Count, fills.Distinct().Count());
        foreach (var table in (string[])["trades", "trade_history"])
        {
            var rows = new List<(long, long, long, long)>();
            await foreach (var r in RowsAsync(connection, $"SELECT client_order_id, trade_id, price, quantity, instrument_id FROM {table}"))
            {
                var instrument = journal.Instruments[r.GetInt32(4)];
                rows.Add((r.GetInt64(0), r.GetInt64(1), Decimals.ToMantissa(r.GetDecimal(2), instrument.PriceScale), Decimals.ToMantissa(r.GetDecimal(3), instrument.QuantityScale)));
            }
            Assert.True(fills.SequenceEqual(rows.Order()), $"{table}: {rows.Count} rows, the journal has {fills.Count} fills; rows not in the journal: "
                + string.Join(", ", rows.Except(fills).Take(5)) + "; fills not in the table: " + string.Join(", ", fills.Except(rows).Take(5)));
        }

        // order_history: one row per order decision, keyed by its journal position.
        var history = new List<long>();
        await foreach (var r in RowsAsync(connection, "SELECT journal_position FROM order_history")) history.Add(r.GetInt64(0));
        Assert.Equal(journal.OrderDecisionPositions.Order(), history.Order());

        // positions: each (bot, instrument) that filled, at the quantity after its last fill.
        var positions = new Dictionary<(int, int), decimal>();
        await foreach (var r in RowsAsync(connection, "SELECT bot_id, instrument_id, quantity FROM positions")) positions[(r.GetInt32(0), r.GetInt32(1))] = r.GetDecimal(2);
        var expected = journal.LastFills.ToDictionary(kv => kv.Key, kv => journal.Quantity(kv.Key.InstrumentId, kv.Value.PositionAfter));
        Assert.Equal(expected.OrderBy(kv => kv.Key), positions.OrderBy(kv => kv.Key));

        // Every bot with an order has its row (bot_instances may hold more: bots known from the manifest).
        var bots = new HashSet<int>();
        await foreach (var r in RowsAsync(connection, "SELECT bot_id FROM bot_instances")) bots.Add(r.GetInt32(0));
        foreach (var f in journal.Fills) Assert.Contains(f.Bot, bots);

        if (expectMarketData)
        {
            // market_data: one row per market-data event of the journal (quotes, trades, book levels, ...), by kind.
            var byKind = new Dictionary<MarketEventKind, long>();
            await foreach (var r in RowsAsync(connection, "SELECT kind, count(*) FROM market_data GROUP BY kind")) byKind[(MarketEventKind)r.GetInt16(0)] = r.GetInt64(1);
            Assert.Equal(journal.MarketData.OrderBy(kv => kv.Key), byKind.OrderBy(kv => kv.Key));
        }
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        var value = await command.ExecuteScalarAsync(TestContext.Current.CancellationToken);
        Assert.True(value is T, $"{sql}: got {value ?? "no row"}");
        return (T)value!;
    }

    private static async IAsyncEnumerable<NpgsqlDataReader> RowsAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        while (await reader.ReadAsync(TestContext.Current.CancellationToken)) yield return reader;
    }
}

using Npgsql;

namespace TBot.Persistence.Tests.Postgres;

/// <summary>Impossible rows are refused by the schema itself, with the constraint named in the error.</summary>
public sealed class ConstraintTests
{
    private const string ValidOrder = """
        INSERT INTO orders (client_order_id, client_order_text, bot_id, instrument_id, venue, symbol, side, type, price,
                            quantity, filled_quantity, status, created_at, updated_at, journal_position)
        VALUES ({0}, 'tbx-1-1', 1, 1, 'binance', 'BTCUSDT', {1}, {2}, {3}, {4}, {5}, {6}, now(), now(), 1)
        """;

    [Theory]
    // A negative quantity also breaks filled <= quantity; PostgreSQL reports whichever check it evaluates first.
    [InlineData("'BUY'", "'LIMIT'", "100", "-1", "0", "'NEW'", "orders_quantity_check|orders_not_overfilled")]
    [InlineData("'BUY'", "'LIMIT'", "100", "0", "0", "'NEW'", "orders_quantity_check")]
    [InlineData("'HOLD'", "'LIMIT'", "100", "1", "0", "'NEW'", "orders_side_check")]
    [InlineData("'BUY'", "'STOP'", "100", "1", "0", "'NEW'", "orders_type_check")]
    [InlineData("'BUY'", "'LIMIT'", "100", "1", "0", "'DONE'", "orders_status_check")]
    [InlineData("'BUY'", "'LIMIT'", "NULL", "1", "0", "'NEW'", "orders_price_by_type")]
    [InlineData("'BUY'", "'MARKET'", "100", "1", "0", "'NEW'", "orders_price_by_type")]
    [InlineData("'SELL'", "'LIMIT'", "100", "1", "2", "'FILLED'", "orders_not_overfilled")]
    public async Task Impossible_orders_are_rejected_by_a_named_check(string side, string type, string price, string quantity,
        string filled, string status, string constraint)
    {
        await using var db = await PostgresServer.CreateMigratedDatabaseAsync();
        await db.ExecuteAsync("INSERT INTO bot_instances (bot_id) VALUES (1)");

        var e = await Assert.ThrowsAsync<PostgresException>(() =>
            db.ExecuteAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, ValidOrder, 1, side, type, price, quantity, filled, status)));

        Assert.Equal(PostgresErrorCodes.CheckViolation, e.SqlState);
        Assert.Contains(e.ConstraintName, constraint.Split('|'));
        Assert.Contains(e.ConstraintName!, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_order_of_an_unknown_bot_and_a_trade_of_an_unknown_order_violate_foreign_keys()
    {
        await using var db = await PostgresServer.CreateMigratedDatabaseAsync();

        var order = await Assert.ThrowsAsync<PostgresException>(() =>
            db.ExecuteAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, ValidOrder, 1, "'BUY'", "'LIMIT'", "100", "1", "0", "'NEW'")));
        Assert.Equal(PostgresErrorCodes.ForeignKeyViolation, order.SqlState);
        Assert.Equal("orders_bot_id_fkey", order.ConstraintName);

        await db.ExecuteAsync("INSERT INTO bot_instances (bot_id) VALUES (1)");
        var trade = await Assert.ThrowsAsync<PostgresException>(() => db.ExecuteAsync("""
            INSERT INTO trades (client_order_id, trade_id, bot_id, instrument_id, venue, symbol, side, price, quantity, fee,
                                is_maker, traded_at, journal_position)
            VALUES (42, 1, 1, 1, 'binance', 'BTCUSDT', 'BUY', 1, 1, 0, false, now(), 1)
            """));
        Assert.Equal(PostgresErrorCodes.ForeignKeyViolation, trade.SqlState);
        Assert.Equal("trades_client_order_id_fkey", trade.ConstraintName);
    }

    [Fact]
    public async Task A_negative_trade_quantity_is_rejected()
    {
        await using var db = await PostgresServer.CreateMigratedDatabaseAsync();
        await db.ExecuteAsync("INSERT INTO bot_instances (bot_id) VALUES (1)");
        await db.ExecuteAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, ValidOrder, 7, "'BUY'", "'LIMIT'", "100", "1", "0", "'NEW'"));

        var e = await Assert.ThrowsAsync<PostgresException>(() => db.ExecuteAsync("""
            INSERT INTO trades (client_order_id, trade_id, bot_id, instrument_id, venue, symbol, side, price, quantity, fee,
                                is_maker, traded_at, journal_position)
            VALUES (7, 1, 1, 1, 'binance', 'BTCUSDT', 'BUY', 100, -0.5, 0, false, now(), 1)
            """));

        Assert.Equal("trades_quantity_check", e.ConstraintName);
    }
}

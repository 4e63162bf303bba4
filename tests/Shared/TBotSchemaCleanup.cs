namespace TBot.Tests.Shared;

/// <summary>Drops every object TBot's migrations create, for tests that share one database (the TimescaleDB stand-in
/// serves a single database). Compiled into both test projects, so a new migration's objects are added once.</summary>
internal static class TBotSchemaCleanup
{
    // TimescaleDB refuses to drop a hypertable together with other objects: one statement each.
    public const string DropTBotObjects = """
        DROP MATERIALIZED VIEW IF EXISTS candles_1h CASCADE;
        DROP MATERIALIZED VIEW IF EXISTS candles_1m CASCADE;
        DROP TABLE IF EXISTS market_data CASCADE;
        DROP TABLE IF EXISTS order_history CASCADE;
        DROP TABLE IF EXISTS trade_history CASCADE;
        DROP TABLE IF EXISTS performance_metrics CASCADE;
        DROP TABLE IF EXISTS engine_metrics CASCADE;
        DROP TABLE IF EXISTS trades, positions, orders, bot_instances, strategies, projection_checkpoints, schema_migrations CASCADE;
        DROP TABLE IF EXISTS instruments CASCADE;
        DROP FUNCTION IF EXISTS tbot_register_instrument;
        """;
}

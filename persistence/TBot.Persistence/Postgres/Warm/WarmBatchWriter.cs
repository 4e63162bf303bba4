using Npgsql;

namespace TBot.Persistence.Postgres.Warm;

/// <summary>
/// Writes a <see cref="WarmBatch"/> (warm tables, order_history, trade_history) and the projection's checkpoint in one transaction: either the rows and the
/// checkpoint move together or neither does. Each table gets one multi-row statement (arrays unnested), and
/// every statement is idempotent: inserts use natural keys with ON CONFLICT, updates only replace a row with
/// one from an equal or later journal position.
/// </summary>
public static class WarmBatchWriter
{
    private const string UpsertBots = """
        INSERT INTO bot_instances (bot_id, journal_id, created_at, updated_at)
        SELECT b, j, t, t FROM unnest($1::integer[], $2::text[], $3::timestamptz[]) AS u (b, j, t)
        ON CONFLICT (bot_id) DO NOTHING
        """;

    private const string UpsertStrategies = """
        INSERT INTO strategies (strategy_id, name, parameters)
        SELECT * FROM unnest($1::integer[], $2::text[], $3::jsonb[])
        ON CONFLICT (strategy_id) DO UPDATE SET name = EXCLUDED.name, parameters = EXCLUDED.parameters
        """;

    private const string DefineBots = """
        INSERT INTO bot_instances (bot_id, strategy_id, journal_id, created_at, updated_at)
        SELECT b, b, $2, $3, $3 FROM unnest($1::integer[]) AS u (b)
        ON CONFLICT (bot_id) DO UPDATE SET strategy_id = EXCLUDED.strategy_id, journal_id = EXCLUDED.journal_id
        """;

    private const string UpdateBotStatus = """
        UPDATE bot_instances b SET status = u.status, updated_at = u.updated_at, status_position = u.journal_position
        FROM unnest($1::integer[], $2::text[], $3::timestamptz[], $4::bigint[]) AS u (bot_id, status, updated_at, journal_position)
        WHERE b.bot_id = u.bot_id AND b.status_position <= u.journal_position
        """;

    private const string UpsertOrders = """
        INSERT INTO orders (client_order_id, client_order_text, bot_id, instrument_id, venue, symbol, side, type, price,
                            quantity, filled_quantity, status, venue_order_id, created_at, updated_at, journal_position)
        SELECT * FROM unnest($1::bigint[], $2::text[], $3::integer[], $4::integer[], $5::text[], $6::text[], $7::text[],
                             $8::text[], $9::numeric[], $10::numeric[], $11::numeric[], $12::text[], $13::bigint[],
                             $14::timestamptz[], $15::timestamptz[], $16::bigint[])
        ON CONFLICT (client_order_id) DO UPDATE SET
            price = EXCLUDED.price,
            quantity = EXCLUDED.quantity,
            filled_quantity = GREATEST(orders.filled_quantity, EXCLUDED.filled_quantity),
            status = EXCLUDED.status,
            venue_order_id = COALESCE(EXCLUDED.venue_order_id, orders.venue_order_id),
            updated_at = EXCLUDED.updated_at,
            journal_position = EXCLUDED.journal_position
        WHERE orders.journal_position <= EXCLUDED.journal_position
        """;

    // Fills of orders whose full state is in an earlier batch: the row must exist already.
    private const string UpdateOrderStatus = """
        UPDATE orders o SET status = u.status, venue_order_id = COALESCE(u.venue_order_id, o.venue_order_id),
                            updated_at = u.updated_at, journal_position = u.journal_position
        FROM unnest($1::bigint[], $2::text[], $3::bigint[], $4::timestamptz[], $5::bigint[])
             AS u (client_order_id, status, venue_order_id, updated_at, journal_position)
        WHERE o.client_order_id = u.client_order_id AND o.journal_position <= u.journal_position
        """;

    private const string InsertTrades = """
        INSERT INTO trades (client_order_id, trade_id, bot_id, instrument_id, venue, symbol, side, price, quantity, fee,
                            is_maker, traded_at, journal_position)
        SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::integer[], $4::integer[], $5::text[], $6::text[], $7::text[],
                             $8::numeric[], $9::numeric[], $10::numeric[], $11::boolean[], $12::timestamptz[], $13::bigint[])
        ON CONFLICT (client_order_id, trade_id) DO NOTHING
        """;

    // The filled quantity is the sum of the order's trades, whichever batches they came in; GREATEST keeps a
    // venue-reported quantity of an adopted order whose earlier fills never passed through this journal.
    private const string RefreshFilled = """
        UPDATE orders o SET filled_quantity = t.filled
        FROM (SELECT client_order_id, sum(quantity) AS filled FROM trades WHERE client_order_id = ANY($1::bigint[])
              GROUP BY client_order_id) AS t
        WHERE o.client_order_id = t.client_order_id AND o.filled_quantity < t.filled
        """;

    private const string UpsertPositions = """
        INSERT INTO positions (bot_id, instrument_id, venue, symbol, quantity, realized_pnl, updated_at, journal_position)
        SELECT * FROM unnest($1::integer[], $2::integer[], $3::text[], $4::text[], $5::numeric[], $6::numeric[],
                             $7::timestamptz[], $8::bigint[])
        ON CONFLICT (bot_id, instrument_id) DO UPDATE SET
            venue = EXCLUDED.venue, symbol = EXCLUDED.symbol, quantity = EXCLUDED.quantity,
            realized_pnl = EXCLUDED.realized_pnl, updated_at = EXCLUDED.updated_at, journal_position = EXCLUDED.journal_position
        WHERE positions.journal_position <= EXCLUDED.journal_position
        """;

    // History is append-only: the natural key (with the time column, which partitions/hypertables require in
    // every unique key) makes a re-applied decision a no-op.
    private const string InsertOrderHistory = """
        INSERT INTO order_history (time, client_order_id, bot_id, instrument_id, event, from_status, to_status, price,
                                   quantity, filled_quantity, journal_position)
        SELECT * FROM unnest($1::timestamptz[], $2::bigint[], $3::integer[], $4::integer[], $5::text[], $6::text[],
                             $7::text[], $8::numeric[], $9::numeric[], $10::numeric[], $11::bigint[])
        ON CONFLICT DO NOTHING
        """;

    private const string InsertTradeHistory = """
        INSERT INTO trade_history (time, client_order_id, trade_id, bot_id, instrument_id, side, price, quantity, fee,
                                   journal_position)
        SELECT * FROM unnest($1::timestamptz[], $2::bigint[], $3::bigint[], $4::integer[], $5::integer[], $6::text[],
                             $7::numeric[], $8::numeric[], $9::numeric[], $10::bigint[])
        ON CONFLICT DO NOTHING
        """;

    // GREATEST: re-projecting an old range must not make the projection look behind.
    private const string SaveCheckpoint = """
        INSERT INTO projection_checkpoints (projection, position, updated_at) VALUES ($1, $2, now())
        ON CONFLICT (projection) DO UPDATE SET position = GREATEST(projection_checkpoints.position, EXCLUDED.position),
                                               updated_at = now()
        """;

    public static async Task WriteAsync(NpgsqlConnection connection, string projection, string journalId, WarmBatch batch,
        CancellationToken cancellationToken)
    {
        await using var tx = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (var npgBatch = new NpgsqlBatch(connection, tx))
        {
            if (batch.Definitions.Count > 0)
            {
                var defs = batch.Definitions;
                npgBatch.BatchCommands.Add(Command(UpsertStrategies, defs.Select(d => d.BotId).ToArray(), defs.Select(d => d.Name).ToArray(),
                    defs.Select(d => d.ParametersJson).ToArray()));
                npgBatch.BatchCommands.Add(Command(DefineBots, defs.Select(d => d.BotId).ToArray(), journalId, batch.DefinedUtc));
            }
            if (batch.Bots.Count > 0)
                npgBatch.BatchCommands.Add(Command(UpsertBots, batch.Bots.Keys.ToArray(), Enumerable.Repeat(journalId, batch.Bots.Count).ToArray(),
                    batch.Bots.Values.ToArray()));
            var full = batch.Orders.Values.Where(o => o.HasFullState).ToArray();
            if (full.Length > 0)
                npgBatch.BatchCommands.Add(Command(UpsertOrders,
                    full.Select(o => o.ClientOrderId).ToArray(), full.Select(o => o.ClientOrderText).ToArray(),
                    full.Select(o => o.BotId).ToArray(), full.Select(o => o.InstrumentId).ToArray(),
                    full.Select(o => o.Venue).ToArray(), full.Select(o => o.Symbol).ToArray(), full.Select(o => o.Side).ToArray(),
                    full.Select(o => o.Type).ToArray(), full.Select(o => o.Price).ToArray(), full.Select(o => o.Quantity).ToArray(),
                    full.Select(o => o.FilledQuantity).ToArray(), full.Select(o => o.Status).ToArray(),
                    full.Select(o => o.VenueOrderId).ToArray(), full.Select(o => o.CreatedUtc).ToArray(),
                    full.Select(o => o.UpdatedUtc).ToArray(), full.Select(o => o.JournalPosition).ToArray()));
            var partial = batch.Orders.Values.Where(o => !o.HasFullState).ToArray();
            if (partial.Length > 0)
                npgBatch.BatchCommands.Add(Command(UpdateOrderStatus,
                    partial.Select(o => o.ClientOrderId).ToArray(), partial.Select(o => o.Status).ToArray(),
                    partial.Select(o => o.VenueOrderId).ToArray(), partial.Select(o => o.UpdatedUtc).ToArray(),
                    partial.Select(o => o.JournalPosition).ToArray()));
            var trades = batch.Trades;
            if (trades.Count > 0)
            {
                npgBatch.BatchCommands.Add(Command(InsertTrades,
                    trades.Select(t => t.ClientOrderId).ToArray(), trades.Select(t => t.TradeId).ToArray(),
                    trades.Select(t => t.BotId).ToArray(), trades.Select(t => t.InstrumentId).ToArray(),
                    trades.Select(t => t.Venue).ToArray(), trades.Select(t => t.Symbol).ToArray(), trades.Select(t => t.Side).ToArray(),
                    trades.Select(t => t.Price).ToArray(), trades.Select(t => t.Quantity).ToArray(), trades.Select(t => t.Fee).ToArray(),
                    trades.Select(t => t.IsMaker).ToArray(), trades.Select(t => t.TradedUtc).ToArray(),
                    trades.Select(t => t.JournalPosition).ToArray()));
                npgBatch.BatchCommands.Add(Command(RefreshFilled, trades.Select(t => t.ClientOrderId).Distinct().ToArray()));
            }
            var positions = batch.Positions.Values.ToArray();
            if (positions.Length > 0)
                npgBatch.BatchCommands.Add(Command(UpsertPositions,
                    positions.Select(p => p.BotId).ToArray(), positions.Select(p => p.InstrumentId).ToArray(),
                    positions.Select(p => p.Venue).ToArray(), positions.Select(p => p.Symbol).ToArray(),
                    positions.Select(p => p.Quantity).ToArray(), positions.Select(p => p.RealizedPnl).ToArray(),
                    positions.Select(p => p.UpdatedUtc).ToArray(), positions.Select(p => p.JournalPosition).ToArray()));
            var history = batch.OrderHistory;
            if (history.Count > 0)
                npgBatch.BatchCommands.Add(Command(InsertOrderHistory,
                    history.Select(h => h.TimeUtc).ToArray(), history.Select(h => h.ClientOrderId).ToArray(),
                    history.Select(h => h.BotId).ToArray(), history.Select(h => h.InstrumentId).ToArray(),
                    history.Select(h => h.Event).ToArray(), history.Select(h => h.FromStatus).ToArray(),
                    history.Select(h => h.ToStatus).ToArray(), history.Select(h => h.Price).ToArray(),
                    history.Select(h => h.Quantity).ToArray(), history.Select(h => h.FilledQuantity).ToArray(),
                    history.Select(h => h.JournalPosition).ToArray()));
            if (trades.Count > 0)
                npgBatch.BatchCommands.Add(Command(InsertTradeHistory,
                    trades.Select(t => t.TradedUtc).ToArray(), trades.Select(t => t.ClientOrderId).ToArray(),
                    trades.Select(t => t.TradeId).ToArray(), trades.Select(t => t.BotId).ToArray(),
                    trades.Select(t => t.InstrumentId).ToArray(), trades.Select(t => t.Side).ToArray(),
                    trades.Select(t => t.Price).ToArray(), trades.Select(t => t.Quantity).ToArray(),
                    trades.Select(t => t.Fee).ToArray(), trades.Select(t => t.JournalPosition).ToArray()));
            if (batch.Statuses.Count > 0)
            {
                var statuses = batch.Statuses.Values.ToArray();
                npgBatch.BatchCommands.Add(Command(UpdateBotStatus, statuses.Select(x => x.BotId).ToArray(), statuses.Select(x => x.Status).ToArray(),
                    statuses.Select(x => x.UpdatedUtc).ToArray(), statuses.Select(x => x.JournalPosition).ToArray()));
            }
            if (batch.Records > 0) npgBatch.BatchCommands.Add(Command(SaveCheckpoint, projection, batch.LastPosition));
            try
            {
                await npgBatch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (PostgresException e)
            {
                throw new ProjectionWriteException(projection, batch.FirstPosition, batch.LastPosition, e);
            }
        }
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    private static NpgsqlBatchCommand Command(string sql, params object[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var v in values) command.Parameters.Add(new NpgsqlParameter { Value = v });
        return command;
    }
}

using Npgsql;

namespace TBot.Persistence.Postgres.History;

/// <summary>
/// Native path: keeps <c>candles_1m</c> / <c>candles_1h</c> equal to what the TimescaleDB continuous aggregates of
/// 0002_history.timescale.sql compute from market_data trades (kind 2): open = price of the earliest trade,
/// high/low = max/min price, close = price of the latest trade, volume = sum of quantities, trades = count.
/// The invariant is "a candle row = that aggregate over the trades market_data holds for its bucket", kept in the
/// transaction that writes the trades:
/// <list type="bullet">
/// <item>a fresh batch (every position after the checkpoint, so none of its trades is in market_data or in a candle
/// yet: the normal case, live and catch-up) merges its own high/low/volume/count into the minute, and takes open
/// and close from market_data by time through the trades index (two index probes, not a scan of the minute);</item>
/// <item>a re-applied batch (some positions at or before the checkpoint: a runner retry, <c>tbot db reproject</c>)
/// recomputes its minutes whole from market_data, since its trades are already counted.</item>
/// </list>
/// Either way re-applying or splitting a range gives the same candle. The hour is rolled up from its minutes
/// (at most 60 rows), which equals the aggregate over its trades because minutes partition the hour.
/// Ties on time: TimescaleDB's first()/last() pick one of the tied rows in scan order; here the journal position
/// breaks the tie (the earlier record opens, the later closes), which is deterministic.
/// </summary>
public static class CandleRollup
{
    public const short TradeKind = 2;

    // Buckets are computed in C# from UTC ticks (time_bucket's minute and hour grids start at whole UTC minutes
    // and hours), so no session time zone can shift them.
    private const string RecomputeMinutes = """
        INSERT INTO candles_1m (bucket, instrument_id, open, high, low, close, volume, trades)
        SELECT b.bucket, b.instrument_id,
               (array_agg(m.price ORDER BY m.time, m.journal_position))[1],
               max(m.price), min(m.price),
               (array_agg(m.price ORDER BY m.time DESC, m.journal_position DESC))[1],
               sum(m.quantity), count(*)
        FROM unnest($1::integer[], $2::timestamptz[]) AS b (instrument_id, bucket)
        JOIN market_data m ON m.instrument_id = b.instrument_id AND m.kind = 2
                          AND m.time >= b.bucket AND m.time < b.bucket + interval '1 minute'
        GROUP BY b.bucket, b.instrument_id
        ON CONFLICT (instrument_id, bucket) DO UPDATE SET
            open = EXCLUDED.open, high = EXCLUDED.high, low = EXCLUDED.low, close = EXCLUDED.close,
            volume = EXCLUDED.volume, trades = EXCLUDED.trades
        """;

    private const string MergeMinutes = """
        INSERT INTO candles_1m AS c (bucket, instrument_id, open, high, low, close, volume, trades)
        SELECT b.bucket, b.instrument_id,
               (SELECT m.price FROM market_data m
                WHERE m.instrument_id = b.instrument_id AND m.kind = 2 AND m.time >= b.bucket AND m.time < b.bucket + interval '1 minute'
                ORDER BY m.time, m.journal_position LIMIT 1),
               b.high, b.low,
               (SELECT m.price FROM market_data m
                WHERE m.instrument_id = b.instrument_id AND m.kind = 2 AND m.time >= b.bucket AND m.time < b.bucket + interval '1 minute'
                ORDER BY m.time DESC, m.journal_position DESC LIMIT 1),
               b.volume, b.trades
        FROM unnest($1::integer[], $2::timestamptz[], $3::numeric[], $4::numeric[], $5::numeric[], $6::bigint[])
             AS b (instrument_id, bucket, high, low, volume, trades)
        ON CONFLICT (instrument_id, bucket) DO UPDATE SET
            open = EXCLUDED.open, close = EXCLUDED.close,
            high = CASE WHEN EXCLUDED.high > c.high THEN EXCLUDED.high ELSE c.high END,
            low = CASE WHEN EXCLUDED.low < c.low THEN EXCLUDED.low ELSE c.low END,
            volume = c.volume + EXCLUDED.volume, trades = c.trades + EXCLUDED.trades
        """;

    private const string RecomputeHours = """
        INSERT INTO candles_1h (bucket, instrument_id, open, high, low, close, volume, trades)
        SELECT b.bucket, b.instrument_id,
               (array_agg(c.open ORDER BY c.bucket))[1],
               max(c.high), min(c.low),
               (array_agg(c.close ORDER BY c.bucket DESC))[1],
               sum(c.volume), sum(c.trades)::bigint
        FROM unnest($1::integer[], $2::timestamptz[]) AS b (instrument_id, bucket)
        JOIN candles_1m c ON c.instrument_id = b.instrument_id AND c.bucket >= b.bucket AND c.bucket < b.bucket + interval '1 hour'
        GROUP BY b.bucket, b.instrument_id
        ON CONFLICT (instrument_id, bucket) DO UPDATE SET
            open = EXCLUDED.open, high = EXCLUDED.high, low = EXCLUDED.low, close = EXCLUDED.close,
            volume = EXCLUDED.volume, trades = EXCLUDED.trades
        """;

    public static DateTime MinuteOf(DateTime utc) => new(utc.Ticks - utc.Ticks % TimeSpan.TicksPerMinute, DateTimeKind.Utc);

    public static DateTime HourOf(DateTime utc) => new(utc.Ticks - utc.Ticks % TimeSpan.TicksPerHour, DateTimeKind.Utc);

    /// <summary>Add the candle statements for the batch's trade minutes (and their hours) to a batch that runs
    /// after the rows are in market_data, in the same transaction. <paramref name="fresh"/>: none of the batch's
    /// positions was applied before (all after the checkpoint read in that transaction).</summary>
    public static void AddTo(NpgsqlBatch batch, IReadOnlyDictionary<(int InstrumentId, DateTime Minute), CandleDelta> minutes, bool fresh)
    {
        if (minutes.Count == 0) return;
        var keys = minutes.Keys.ToArray();
        if (fresh)
        {
            var deltas = minutes.Values.ToArray();
            batch.BatchCommands.Add(SqlCommands.Make(MergeMinutes, keys.Select(m => m.InstrumentId).ToArray(), keys.Select(m => m.Minute).ToArray(),
                deltas.Select(d => d.High).ToArray(), deltas.Select(d => d.Low).ToArray(), deltas.Select(d => d.Volume).ToArray(),
                deltas.Select(d => d.Trades).ToArray()));
        }
        else
        {
            batch.BatchCommands.Add(SqlCommands.Make(RecomputeMinutes, keys.Select(m => m.InstrumentId).ToArray(), keys.Select(m => m.Minute).ToArray()));
        }
        var hours = keys.Select(m => (m.InstrumentId, Hour: HourOf(m.Minute))).Distinct().ToArray();
        batch.BatchCommands.Add(SqlCommands.Make(RecomputeHours,
            hours.Select(h => h.InstrumentId).ToArray(), hours.Select(h => h.Hour).ToArray()));
    }
}

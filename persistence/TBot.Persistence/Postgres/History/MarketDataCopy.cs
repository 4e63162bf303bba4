using Npgsql;
using NpgsqlTypes;

namespace TBot.Persistence.Postgres.History;

/// <summary>
/// Bulk-writes <c>market_data</c> rows with binary COPY: no SQL text per row, no parameter parsing, numbers sent
/// as PostgreSQL's binary <c>numeric</c> (exact, at the scale the decimal carries). Runs in the connection's
/// current transaction if there is one (the projection's), otherwise as its own statement.
/// <para>Rows start asynchronously and values are written synchronously: an awaited write per value halved the
/// throughput (measured 134 k vs 268 k rows/s on 2 cores), and a value write only touches the socket when
/// Npgsql's write buffer fills, which row starts mostly absorb.</para>
/// </summary>
public static class MarketDataCopy
{
    public const string Columns =
        "time, instrument_id, kind, side, price, quantity, bid, bid_size, ask, ask_size, trade_id, journal_position, " +
        "exchange_time, flags, open, high, low, volume";

    private const string Command = "COPY market_data (" + Columns + ") FROM STDIN (FORMAT BINARY)";

    /// <summary>Copy <paramref name="rows"/> into market_data; returns the number of rows the server took.</summary>
    public static async Task<ulong> WriteAsync(NpgsqlConnection connection, IReadOnlyList<MarketDataRow> rows,
        CancellationToken cancellationToken = default)
    {
        await using var importer = await connection.BeginBinaryImportAsync(Command, cancellationToken).ConfigureAwait(false);
        for (var i = 0; i < rows.Count; i++)
        {
            var r = rows[i];
            await importer.StartRowAsync(cancellationToken).ConfigureAwait(false);
            importer.Write(r.Time, NpgsqlDbType.TimestampTz);
            importer.Write(r.InstrumentId, NpgsqlDbType.Integer);
            importer.Write(r.Kind, NpgsqlDbType.Smallint);
            Write(importer, r.Side);
            Write(importer, r.Price);
            Write(importer, r.Quantity);
            Write(importer, r.Bid);
            Write(importer, r.BidSize);
            Write(importer, r.Ask);
            Write(importer, r.AskSize);
            if (r.TradeId is { } tradeId) importer.Write(tradeId, NpgsqlDbType.Bigint); else importer.WriteNull();
            importer.Write(r.JournalPosition, NpgsqlDbType.Bigint);
            if (r.ExchangeTime is { } exchangeTime) importer.Write(exchangeTime, NpgsqlDbType.TimestampTz); else importer.WriteNull();
            importer.Write(r.Flags, NpgsqlDbType.Integer);
            Write(importer, r.Open);
            Write(importer, r.High);
            Write(importer, r.Low);
            Write(importer, r.Volume);
        }
        return await importer.CompleteAsync(cancellationToken).ConfigureAwait(false);
    }

    private static void Write(NpgsqlBinaryImporter importer, decimal? value)
    {
        if (value is { } v) importer.Write(v, NpgsqlDbType.Numeric); else importer.WriteNull();
    }

    private static void Write(NpgsqlBinaryImporter importer, string? value)
    {
        if (value is null) importer.WriteNull(); else importer.Write(value, NpgsqlDbType.Text);
    }
}

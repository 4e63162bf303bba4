using Npgsql;

namespace TBot.Persistence.Postgres.History;

/// <summary>Positional-parameter batch commands and the checkpoint statement the history writers share.</summary>
internal static class SqlCommands
{
    // GREATEST: re-projecting an old range must not make the projection look behind.
    private const string SaveCheckpoint = """
        INSERT INTO projection_checkpoints (projection, position, updated_at) VALUES ($1, $2, now())
        ON CONFLICT (projection) DO UPDATE SET position = GREATEST(projection_checkpoints.position, EXCLUDED.position),
                                               updated_at = now()
        """;

    private const string LockProjection = "SELECT pg_advisory_xact_lock(hashtext('tbot_projection:' || $1))";
    private const string ReadCheckpoint = "SELECT position FROM projection_checkpoints WHERE projection = $1";

    /// <summary>Serialise writers of one projection (two engines on one database) for the transaction, and read
    /// the checkpoint as of that point: rows at or before it are already applied.</summary>
    public static async Task<long> LockAndReadCheckpointAsync(NpgsqlConnection connection, NpgsqlTransaction tx, string projection,
        CancellationToken cancellationToken)
    {
        await using var read = new NpgsqlBatch(connection, tx);
        read.BatchCommands.Add(Make(LockProjection, projection));
        read.BatchCommands.Add(Make(ReadCheckpoint, projection));
        await using var reader = await read.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? reader.GetInt64(0) : 0;
    }

    public static NpgsqlBatchCommand Make(string sql, params object[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var v in values) command.Parameters.Add(new NpgsqlParameter { Value = v });
        return command;
    }

    public static NpgsqlBatchCommand Checkpoint(string projection, long position) => Make(SaveCheckpoint, projection, position);
}

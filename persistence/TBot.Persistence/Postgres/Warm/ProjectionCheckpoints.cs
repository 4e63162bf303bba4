using Npgsql;

namespace TBot.Persistence.Postgres.Warm;

/// <summary>Reads a projection's checkpoint from <c>projection_checkpoints</c> (written by <see cref="WarmBatchWriter"/>).</summary>
public static class ProjectionCheckpoints
{
    public static async Task<long> ReadAsync(NpgsqlDataSource dataSource, string projection, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT position FROM projection_checkpoints WHERE projection = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = projection });
        var value = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return value is long position ? position : 0;
    }
}

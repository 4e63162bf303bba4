using StackExchange.Redis;
using TBot.Engine.Journal;
using TBot.Persistence.Postgres;
using TBot.Persistence.Projections;
using TBot.Persistence.Redis;

namespace TBot.Host.Stores;

/// <summary>Collects <c>tbot db status</c>: schema version and path, every projection checkpoint, and (given a
/// journal) how far each of that journal's projections is behind it. A store that cannot be reached is reported, not thrown.</summary>
public static class StoreStatusReader
{
    public static async Task<StoreStatus> ReadAsync(StoreSettings stores, string? journalDirectory, CancellationToken cancellationToken)
    {
        JournalEnd? journal = null;
        if (journalDirectory is not null)
        {
            var manifest = JournalManifest.Load(journalDirectory);
            journal = new JournalEnd { Directory = Path.GetFullPath(journalDirectory), Id = manifest.JournalId, LastPosition = JournalPositions.Last(journalDirectory) };
        }
        PostgresStatus? postgres = null;
        if (stores.Postgres is { } pg)
        {
            try
            {
                var s = await MigrationRunner.StatusAsync(pg, cancellationToken).ConfigureAwait(false);
                postgres = new PostgresStatus
                {
                    Version = s.Version,
                    LatestVersion = s.LatestVersion,
                    Path = s.Path is { } p ? SchemaPathNames.Name(p) : null,
                    Current = s.IsCurrent,
                    Migrations = s.Migrations.Select(m => $"{m.Version:D4}_{m.Name} ({SchemaPathNames.Name(m.Path)}, {m.AppliedUtc:u})").ToList(),
                    Checkpoints = s.Checkpoints.Select(c => Checkpoint(c.Projection, c.Position, c.UpdatedUtc, journal)).ToList(),
                };
            }
            catch (Exception ex) when (ex is Npgsql.NpgsqlException or TimeoutException or InvalidOperationException)
            {
                postgres = new PostgresStatus { Error = ex.Message };
            }
        }
        RedisStatus? redis = null;
        if (stores.Redis is { } r)
        {
            try
            {
                await using var connection = await RedisConnector.ConnectAsync(r, cancellationToken).ConfigureAwait(false);
                var list = new List<CheckpointStatus>();
                var prefix = RedisKeys.Checkpoint("").ToString();
                foreach (var server in connection.GetServers())
                {
                    if (server.IsReplica) continue;
                    await foreach (var key in server.KeysAsync(pattern: prefix + "*").WithCancellation(cancellationToken).ConfigureAwait(false))
                    {
                        var value = await connection.GetDatabase().StringGetAsync(key).ConfigureAwait(false);
                        if (value.TryParse(out long position)) list.Add(Checkpoint(key.ToString()[prefix.Length..], position, null, journal));
                    }
                }
                list.Sort((a, b) => string.CompareOrdinal(a.Projection, b.Projection));
                redis = new RedisStatus { Checkpoints = list };
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException)
            {
                redis = new RedisStatus { Error = ex.Message };
            }
        }
        return new StoreStatus { Journal = journal, Postgres = postgres, Redis = redis };
    }

    // Checkpoint names end with ":{journal id}" (see ProjectionSet); the lag is known for the given journal's.
    private static CheckpointStatus Checkpoint(string name, long position, DateTime? updated, JournalEnd? journal) => new()
    {
        Projection = name,
        Position = position,
        UpdatedUtc = updated,
        LagEvents = journal is not null && name.EndsWith(":" + journal.Id, StringComparison.Ordinal) ? Math.Max(0, journal.LastPosition - position) : null,
    };
}

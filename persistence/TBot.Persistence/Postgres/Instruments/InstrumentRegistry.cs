using System.Collections.Concurrent;
using Npgsql;
using TBot.Engine.Journal;

namespace TBot.Persistence.Postgres.Instruments;

/// <summary>
/// Maps a journal manifest's instruments to database ids through the <c>instruments</c> table (migration 0006):
/// <c>tbot_register_instrument</c> returns the id of (venue, symbol), registering it on first sight (the rule for
/// a new id is the function's). Registers in manifest id order, so a fresh database gets the engine's ids back.
/// Ids are cached per (venue, symbol) for the life of the registry (one database: a projection holds its own), since
/// a registered id never changes; a journal seen again costs no round trip.
/// </summary>
public sealed class InstrumentRegistry
{
    private const string Register = "SELECT tbot_register_instrument($1, $2, $3, $4, $5)";

    private readonly ConcurrentDictionary<(string Venue, string Symbol), int> _known = new();

    public async Task<InstrumentIdMap> ResolveAsync(NpgsqlConnection connection, JournalManifest manifest, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        var ordered = manifest.Instruments.OrderBy(i => i.Id).ToArray();
        var missing = ordered.Where(i => !_known.ContainsKey((i.Venue, i.Symbol))).ToArray();
        if (missing.Length > 0)
        {
            // One round trip, one implicit transaction; each call takes the registry's lock only when it registers.
            await using var batch = new NpgsqlBatch(connection);
            foreach (var i in missing)
            {
                var command = new NpgsqlBatchCommand(Register);
                foreach (var v in new object[] { i.Venue, i.Symbol, i.Id, i.PriceScale, i.QuantityScale })
                    command.Parameters.Add(new NpgsqlParameter { Value = v });
                batch.BatchCommands.Add(command);
            }
            await using var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            foreach (var i in missing)
            {
                if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    throw new InvalidOperationException($"tbot_register_instrument returned nothing for {i.Venue}:{i.Symbol}.");
                _known[(i.Venue, i.Symbol)] = reader.GetInt32(0);
                await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        return new InstrumentIdMap(ordered.ToDictionary(i => i.Id, i => _known[(i.Venue, i.Symbol)]));
    }

    /// <summary>The same on a connection of its own.</summary>
    public async Task<InstrumentIdMap> ResolveAsync(NpgsqlDataSource dataSource, JournalManifest manifest, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await ResolveAsync(connection, manifest, cancellationToken).ConfigureAwait(false);
    }
}

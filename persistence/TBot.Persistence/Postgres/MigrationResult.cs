namespace TBot.Persistence.Postgres;

/// <summary>What <see cref="MigrationRunner.MigrateAsync"/> did.</summary>
/// <param name="Path">The path the database is on.</param>
/// <param name="Applied">Migrations applied by this call (empty when the schema was current).</param>
/// <param name="Version">Schema version after the call.</param>
/// <param name="TimescaleUnavailable">Why the TimescaleDB path was not taken (null when it was, or when the
/// path had been chosen by an earlier run).</param>
public sealed record MigrationResult(SchemaPath Path, IReadOnlyList<Migration> Applied, int Version, string? TimescaleUnavailable);

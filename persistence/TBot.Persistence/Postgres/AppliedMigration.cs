namespace TBot.Persistence.Postgres;

/// <summary>A row of <c>schema_migrations</c>.</summary>
public sealed record AppliedMigration(int Version, string Name, SchemaPath Path, DateTime AppliedUtc);

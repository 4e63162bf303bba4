namespace TBot.Persistence.Postgres;

/// <summary>What <see cref="MigrationRunner.StatusAsync"/> reports (<c>tbot db status</c>).</summary>
/// <param name="Version">Highest applied migration (0 on an empty database).</param>
/// <param name="LatestVersion">Highest migration this build ships.</param>
/// <param name="Path">The recorded path, null before the first migration.</param>
public sealed record SchemaStatus(int Version, int LatestVersion, SchemaPath? Path,
    IReadOnlyList<AppliedMigration> Migrations, IReadOnlyList<ProjectionCheckpoint> Checkpoints)
{
    public bool IsCurrent => Version >= LatestVersion;
}

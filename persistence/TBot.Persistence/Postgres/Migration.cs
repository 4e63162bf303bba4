namespace TBot.Persistence.Postgres;

/// <summary>One embedded SQL migration: <c>NNNN_name.sql</c> for both paths, or <c>NNNN_name.native.sql</c> /
/// <c>NNNN_name.timescale.sql</c> for one of them.</summary>
public sealed record Migration(int Version, string Name, SchemaPath? Path, string Sql);

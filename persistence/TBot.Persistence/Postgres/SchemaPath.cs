namespace TBot.Persistence.Postgres;

/// <summary>Which history layout a database got. Chosen once, at the first migration, and recorded, so a
/// database never mixes the two even if the extension appears or disappears later.</summary>
public enum SchemaPath
{
    /// <summary>Hypertables, compression, continuous aggregates.</summary>
    TimescaleDb,
    /// <summary>Native daily range partitions, BRIN, plain rollup tables.</summary>
    NativePartitioning,
}

namespace TBot.Persistence.Postgres;

/// <summary>How a <see cref="SchemaPath"/> is spelled in <c>schema_migrations.schema_path</c>.</summary>
public static class SchemaPathNames
{
    public const string TimescaleDb = "timescaledb";
    public const string Native = "native";

    public static string Name(SchemaPath path) => path == SchemaPath.TimescaleDb ? TimescaleDb : Native;

    public static SchemaPath Parse(string name) => name switch
    {
        TimescaleDb => SchemaPath.TimescaleDb,
        Native => SchemaPath.NativePartitioning,
        _ => throw new InvalidDataException($"schema_migrations: unknown schema path '{name}'."),
    };
}

namespace TBot.Host.Stores;

/// <summary>Which stores a command projects the journal into, resolved from flags, configuration and environment.</summary>
public sealed record StoreSettings(string? Redis, string? Postgres, bool MigrateOnStart = true, TimeSpan? Drain = null)
{
    /// <summary>market_data retention on the native path (null: keep everything).</summary>
    public TimeSpan? Retention { get; init; } = TimeSpan.FromDays(90);

    public const string RedisVariable = "TBOT_REDIS";
    public const string PostgresVariable = "TBOT_POSTGRES";

    public static readonly StoreSettings None = new(null, null);

    public TimeSpan DrainTimeout => Drain ?? TimeSpan.FromSeconds(10);

    /// <summary>Flag, else configuration, else environment; an empty value anywhere means "not configured".</summary>
    public static StoreSettings Resolve(string? redisFlag, string? postgresFlag, StoreConfig? config)
    {
        var redis = FirstNonEmpty(redisFlag, config?.Redis, Environment.GetEnvironmentVariable(RedisVariable));
        var postgres = FirstNonEmpty(postgresFlag, config?.Postgres, Environment.GetEnvironmentVariable(PostgresVariable));
        return new StoreSettings(redis, postgres, config?.MigrateOnStart ?? true,
            config is null ? null : TimeSpan.FromSeconds(config.DrainSeconds))
        {
            Retention = config is null ? TimeSpan.FromDays(90) : config.RetentionDays > 0 ? TimeSpan.FromDays(config.RetentionDays) : null,
        };
    }

    /// <summary>Every problem with the connection strings, before anything connects.</summary>
    public List<string> Problems()
    {
        var problems = new List<string>();
        if (Redis is { } r)
        {
            try { StackExchange.Redis.ConfigurationOptions.Parse(r); }
            catch (Exception ex) when (ex is ArgumentException or FormatException) { problems.Add($"redis connection '{r}': {ex.Message}"); }
        }
        if (Postgres is { } p)
        {
            try { _ = new Npgsql.NpgsqlConnectionStringBuilder(p); }
            catch (Exception ex) when (ex is ArgumentException or FormatException) { problems.Add($"postgres connection: {ex.Message}"); }
        }
        if (Drain is { } d && d < TimeSpan.Zero) problems.Add("stores.drainSeconds must not be negative.");
        if (Retention is { } r2 && r2 < TimeSpan.Zero) problems.Add("stores.retentionDays must not be negative.");
        return problems;
    }

    /// <summary>The Postgres connection string without its password (for logs and summaries).</summary>
    public static string Redact(string connection)
    {
        try
        {
            var b = new Npgsql.NpgsqlConnectionStringBuilder(connection);
            if (b.Password is not null) b.Password = "***";
            return b.ConnectionString;
        }
        catch (ArgumentException)
        {
            return "(unparsable)";
        }
    }

    private static string? FirstNonEmpty(params string?[] values)
    {
        foreach (var v in values) if (!string.IsNullOrWhiteSpace(v)) return v;
        return null;
    }
}

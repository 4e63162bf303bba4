using System.CommandLine;

namespace TBot.Host.Stores;

/// <summary>The <c>--redis</c> and <c>--postgres</c> options every command that touches the stores takes.</summary>
public sealed class StoreCliOptions
{
    public Option<string?> Redis { get; } = new("--redis")
    {
        Description = $"Redis for the hot cache and multi-bot sync (StackExchange.Redis syntax, e.g. 127.0.0.1:6379). Default: the configuration's stores.redis, else ${StoreSettings.RedisVariable}.",
    };

    public Option<string?> Postgres { get; } = new("--postgres")
    {
        Description = $"PostgreSQL/TimescaleDB for warm tables and history (Npgsql syntax, e.g. \"Host=127.0.0.1;Username=tbot;Password=tbot;Database=tbot\"). Default: the configuration's stores.postgres, else ${StoreSettings.PostgresVariable}.",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Redis);
        command.Options.Add(Postgres);
    }

    public StoreSettings Resolve(ParseResult parse, StoreConfig? config) =>
        StoreSettings.Resolve(parse.GetValue(Redis), parse.GetValue(Postgres), config);
}

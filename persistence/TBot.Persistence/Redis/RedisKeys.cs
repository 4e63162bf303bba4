using StackExchange.Redis;

namespace TBot.Persistence.Redis;

/// <summary>The hot cache's key layout and pub/sub channels, in one place so the README and other tools agree.</summary>
public static class RedisKeys
{
    public static readonly RedisChannel PositionsChannel = RedisChannel.Literal("tbot:positions");
    public static readonly RedisChannel TradesChannel = RedisChannel.Literal("tbot:trades");

    public static RedisKey Price(string venue, string symbol) => $"price:{venue}:{symbol}";

    public static RedisKey Book(string venue, string symbol) => $"book:{venue}:{symbol}";

    public static RedisKey Position(int bot, string symbol) => $"pos:{bot}:{symbol}";

    public static RedisKey Metrics(int bot) => $"metrics:{bot}";

    public static RedisKey Checkpoint(string projection) => $"tbot:checkpoint:{projection}";
}

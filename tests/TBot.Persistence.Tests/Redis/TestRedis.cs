using StackExchange.Redis;

namespace TBot.Persistence.Tests.Redis;

/// <summary>The real Redis of the test machine (TBOT_TEST_REDIS, default 127.0.0.1:6379). A missing server fails
/// the test with the address tried: CI must not pass by skipping.</summary>
internal static class TestRedis
{
    /// <summary>Tests use their own database number and flush it, so they never touch other data on the server.</summary>
    public const int Database = 9;

    public static string Configuration => Environment.GetEnvironmentVariable("TBOT_TEST_REDIS") is { Length: > 0 } c ? c : "127.0.0.1:6379";

    public static async Task<ConnectionMultiplexer> ConnectAsync(string? configuration = null, bool flush = true)
    {
        var text = configuration ?? Configuration;
        var options = ConfigurationOptions.Parse(text);
        options.AllowAdmin = true;
        options.AbortOnConnectFail = true;
        ConnectionMultiplexer redis;
        try
        {
            redis = await ConnectionMultiplexer.ConnectAsync(options);
        }
        catch (RedisConnectionException ex)
        {
            throw new InvalidOperationException($"Redis is not reachable at '{text}' (set TBOT_TEST_REDIS): {ex.Message}", ex);
        }
        if (flush)
        {
            foreach (var endpoint in redis.GetEndPoints())
                await redis.GetServer(endpoint).FlushDatabaseAsync(Database);
        }
        return redis;
    }
}

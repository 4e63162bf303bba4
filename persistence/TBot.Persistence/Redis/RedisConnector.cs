using StackExchange.Redis;

namespace TBot.Persistence.Redis;

/// <summary>Opens a multiplexer from a StackExchange.Redis connection string ("host:port,password=..,ssl=true",
/// several endpoints for a cluster). Edge code.</summary>
public static class RedisConnector
{
    public static async Task<ConnectionMultiplexer> ConnectAsync(string configuration, CancellationToken cancellationToken = default)
    {
        var options = ConfigurationOptions.Parse(configuration);
        // The engine trades whether or not Redis is up: connect in the background and keep reconnecting;
        // projections retry until it answers.
        options.AbortOnConnectFail = false;
        return await ConnectionMultiplexer.ConnectAsync(options).WaitAsync(cancellationToken).ConfigureAwait(false);
    }
}

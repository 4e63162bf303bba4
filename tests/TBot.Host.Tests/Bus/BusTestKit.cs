using Microsoft.Extensions.Logging.Abstractions;
using TBot.Host.Bus;

namespace TBot.Host.Tests.Bus;

internal static class BusTestKit
{
    public static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    /// <summary>Fast retries so tests finish quickly; the backoff shape is the production one.</summary>
    public static SubscriberOptions FastRetries(int maxAttempts = 6) => new()
    {
        MaxAttempts = maxAttempts, RetryInitial = TimeSpan.FromMilliseconds(2), RetryMax = TimeSpan.FromMilliseconds(20),
    };

    public static EventBus NewBus(string source = "testbus1") => new(source, NullLoggerFactory.Instance);

    public static BusEvent Event(EventBus bus, string key, int n, string kind = "test.event") =>
        bus.Create(kind, key, $"{bus.Source}:{key}:{n}", DateTimeOffset.UnixEpoch, new() { ["n"] = n.ToString(System.Globalization.CultureInfo.InvariantCulture) });

    /// <summary>Wait (bounded) until <paramref name="done"/> holds; fails with <paramref name="message"/>.</summary>
    public static async Task Until(Func<bool> done, Func<string> message)
    {
        var deadline = DateTime.UtcNow + Bound;
        while (!done())
        {
            if (DateTime.UtcNow > deadline) throw new Xunit.Sdk.XunitException(message());
            await Task.Delay(5, TestContext.Current.CancellationToken);
        }
    }
}

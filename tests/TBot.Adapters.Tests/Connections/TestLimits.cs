using TBot.Adapters.RateLimiting;
using TBot.Engine.Instruments;

namespace TBot.Adapters.Tests.Connections;

/// <summary>Budgets that never get in the way of a test (unless it wants them to).</summary>
internal static class TestLimits
{
    public static VenueRateLimits Generous(Venue venue, TimeProvider? time = null)
    {
        var budget = new RateBudget(venue, time);
        budget.SetRule(new RateLimitRule("connect", RateLimitKind.Count, 1000, TimeSpan.FromSeconds(1), 1000));
        budget.SetRule(new RateLimitRule("rest", RateLimitKind.Weight, 100_000, TimeSpan.FromSeconds(1), 100_000));
        return new VenueRateLimits(budget, budget.CreateGate("connect", "connect"), budget.CreateGate("rest", "rest"),
            new RateLimitRule("messages", RateLimitKind.Count, 1000, TimeSpan.FromSeconds(1), 1000), clientMessagesPerConnection: true);
    }
}

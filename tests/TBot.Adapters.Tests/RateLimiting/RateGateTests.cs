using TBot.Adapters.RateLimiting;
using TBot.Engine.Instruments;

namespace TBot.Adapters.Tests.RateLimiting;

public class RateGateTests
{
    private static readonly long Ms = 1_000_000;
    private static readonly long S = 1_000_000_000;

    private static (RateBudget Budget, ManualTimeProvider Time) NewBudget()
    {
        var time = new ManualTimeProvider();
        return (new RateBudget(Venue.Binance, time), time);
    }

    [Fact]
    public void Burst_then_one_unit_per_emission_interval()
    {
        var (budget, _) = NewBudget();
        budget.SetRule(new RateLimitRule("w", RateLimitKind.Weight, 10, TimeSpan.FromSeconds(1), 10));
        var gate = budget.CreateGate("g", "w");
        for (var i = 0; i < 10; i++) Assert.True(gate.TryAcquire(1, 0, out _));
        Assert.False(gate.TryAcquire(1, 0, out var retry));
        Assert.Equal(100 * Ms, retry);
        Assert.False(gate.TryAcquire(1, 99 * Ms, out retry));
        Assert.Equal(1 * Ms, retry);
        Assert.True(gate.TryAcquire(1, 100 * Ms, out retry));
        Assert.Equal(0, retry);
        Assert.Equal(11, gate.Acquired);
        Assert.Equal(2, gate.Denied);
    }

    [Fact]
    public void Weight_is_charged_in_units_and_the_retry_covers_the_whole_weight()
    {
        var (budget, _) = NewBudget();
        budget.SetRule(new RateLimitRule("w", RateLimitKind.Weight, 10, TimeSpan.FromSeconds(1), 10));
        var gate = budget.CreateGate("g", "w");
        Assert.True(gate.TryAcquire(4, 0, out _));
        Assert.True(gate.TryAcquire(4, 0, out _));
        Assert.False(gate.TryAcquire(4, 0, out var retry));
        // TAT 800 ms; 4 more units → 1200 ms; burst tolerance 1000 ms → conforms at 200 ms.
        Assert.Equal(200 * Ms, retry);
        Assert.Equal(8, budget.Used("w", 0));
        Assert.True(gate.TryAcquire(4, 200 * Ms, out _));
    }

    [Fact]
    public void A_weight_above_the_burst_can_never_pass_and_says_so()
    {
        var (budget, _) = NewBudget();
        budget.SetRule(new RateLimitRule("w", RateLimitKind.Weight, 10, TimeSpan.FromSeconds(1), 10));
        var gate = budget.CreateGate("g", "w");
        Assert.Throws<InvalidOperationException>(() => gate.TryAcquire(11, 0, out _));
        Assert.Throws<ArgumentOutOfRangeException>(() => gate.TryAcquire(0, 0, out _));
    }

    [Fact]
    public void Linked_limits_charge_all_or_nothing()
    {
        var (budget, _) = NewBudget();
        budget.SetRule(new RateLimitRule("weight", RateLimitKind.Weight, 100, TimeSpan.FromSeconds(1), 100));
        budget.SetRule(new RateLimitRule("requests", RateLimitKind.Count, 2, TimeSpan.FromSeconds(1), 2));
        var endpoint = budget.CreateGate("endpoint", "weight", "requests");
        var weightOnly = budget.CreateGate("weight-only", "weight");

        Assert.True(endpoint.TryAcquire(10, 0, out _));
        Assert.True(endpoint.TryAcquire(10, 0, out _));
        Assert.Equal(20, budget.Used("weight", 0));
        Assert.Equal(2, budget.Used("requests", 0));

        // The count limit is exhausted (one per request whatever the weight); the weight limit is not.
        Assert.False(endpoint.TryAcquire(10, 0, out var retry));
        Assert.Equal(500 * Ms, retry);
        Assert.Equal(20, budget.Used("weight", 0)); // nothing taken from the linked limit that had room

        // Another gate on the shared weight limit still has its 80 units.
        Assert.True(weightOnly.TryAcquire(80, 0, out _));
        Assert.False(weightOnly.TryAcquire(1, 0, out retry));
        Assert.Equal(10 * Ms, retry);

        // Now both are exhausted: the retry is the longest of the two.
        Assert.False(endpoint.TryAcquire(10, 0, out retry));
        Assert.Equal(500 * Ms, retry);
        Assert.True(endpoint.TryAcquire(10, 500 * Ms, out _));
    }

    [Fact]
    public void Linking_is_idempotent_and_lists_rules()
    {
        var (budget, _) = NewBudget();
        budget.SetRule(new RateLimitRule("a", RateLimitKind.Weight, 10, TimeSpan.FromSeconds(1), 10));
        budget.SetRule(new RateLimitRule("b", RateLimitKind.Count, 10, TimeSpan.FromSeconds(1), 10));
        var gate = budget.CreateGate("g", "a");
        gate.Link("b");
        gate.Link("a");
        Assert.Equal(["a", "b"], gate.RuleNames);
        Assert.Throws<KeyNotFoundException>(() => gate.Link("nope"));
    }

    [Fact]
    public void Penalty_box_blocks_every_gate_of_the_venue_until_retry_after()
    {
        var (budget, _) = NewBudget();
        budget.SetRule(new RateLimitRule("a", RateLimitKind.Weight, 1000, TimeSpan.FromSeconds(1), 1000));
        budget.SetRule(new RateLimitRule("b", RateLimitKind.Count, 1000, TimeSpan.FromSeconds(1), 1000));
        var ga = budget.CreateGate("ga", "a");
        var gb = budget.CreateGate("gb", "b");
        var now = 5 * S;
        budget.Penalize(TimeSpan.FromSeconds(2), now);
        Assert.Equal(1, budget.Penalties);
        Assert.False(ga.TryAcquire(1, now, out var retry));
        Assert.Equal(2 * S, retry);
        Assert.False(gb.TryAcquire(1, now + S, out retry));
        Assert.Equal(1 * S, retry);
        Assert.Equal(TimeSpan.FromSeconds(1), budget.BlockedFor(now + S));

        // A shorter penalty later does not shorten the box; a longer one extends it.
        budget.Penalize(TimeSpan.FromMilliseconds(100), now + S);
        Assert.False(ga.TryAcquire(1, now + S + 500 * Ms, out retry));
        Assert.Equal(500 * Ms, retry);
        Assert.True(ga.TryAcquire(1, now + 2 * S, out _));
        budget.Penalize(TimeSpan.FromSeconds(10), now + 2 * S);
        Assert.False(gb.TryAcquire(1, now + 11 * S, out retry));
        Assert.Equal(1 * S, retry);
        Assert.True(gb.TryAcquire(1, now + 12 * S, out _));
        // Nothing was consumed while blocked.
        Assert.Equal(1, budget.Used("a", now + 2 * S));
    }

    [Theory]
    [InlineData(20, 2000, 0.5)]
    [InlineData(5, 1000, 0.5)]
    [InlineData(300, 300_000, 0.5)]
    [InlineData(50, 10_000, 0.9)]
    [InlineData(1, 1000, 0.5)]
    public void Window_rule_never_lets_more_than_the_limit_through_any_window(int limit, int intervalMs, double burstShare)
    {
        var (budget, _) = NewBudget();
        var rule = RateLimitRule.Window("r", RateLimitKind.Count, limit, TimeSpan.FromMilliseconds(intervalMs), burstShare);
        Assert.Equal(limit, rule.MaxPerWindow);
        budget.SetRule(rule);
        var gate = budget.CreateGate("g", "r");

        // A greedy client trying every millisecond for five intervals.
        var granted = new List<long>();
        var step = Math.Max(1, intervalMs / 2000) * Ms;
        for (long t = 0; t <= 5L * intervalMs * Ms; t += step)
            while (gate.TryAcquire(1, t, out _)) granted.Add(t);

        var window = intervalMs * Ms;
        for (int i = 0, j = 0; i < granted.Count; i++)
        {
            while (granted[i] - granted[j] >= window) j++;
            Assert.True(i - j + 1 <= limit, $"{i - j + 1} grants within one {intervalMs} ms window ending at {granted[i] / Ms} ms");
        }
        // And it is not starved: the burst goes at once, then the rate.
        Assert.Equal(rule.Burst, granted.Count(t => t == 0));
        Assert.True(granted.Count >= rule.Burst + 4 * rule.Rate, $"only {granted.Count} grants");
    }

    [Fact]
    public void Observed_usage_only_tightens_and_leaves_at_most_the_rest_of_the_window()
    {
        var (budget, _) = NewBudget();
        var rule = RateLimitRule.Window("w", RateLimitKind.Weight, 6000, TimeSpan.FromMinutes(1));
        budget.SetRule(rule);
        var gate = budget.CreateGate("g", "w");
        Assert.True(gate.TryAcquire(100, 0, out _));
        budget.ObserveUsage("w", 50, 0); // we know better: ignored
        Assert.Equal(100, budget.Used("w", 0));

        budget.ObserveUsage("w", 5999, 0);
        Assert.False(gate.TryAcquire(5, 0, out var retry));
        // Over the next minute at most 6000 − 5999 units: blocked for about a minute.
        Assert.True(retry >= 59 * S, $"retry {retry / Ms} ms");
        long passed = 0;
        for (long t = 0; t < 60 * S; t += 100 * Ms)
            while (gate.TryAcquire(1, t, out _)) passed++;
        Assert.True(passed <= 1, $"{passed} units passed in the minute after the venue reported 5999/6000");
    }

    [Fact]
    public void Set_rule_again_reconfigures_and_keeps_usage()
    {
        var (budget, _) = NewBudget();
        Assert.True(budget.SetRule(new RateLimitRule("w", RateLimitKind.Weight, 100, TimeSpan.FromSeconds(1), 100)));
        var gate = budget.CreateGate("g", "w");
        Assert.True(gate.TryAcquire(50, 0, out _));
        Assert.False(budget.SetRule(new RateLimitRule("w", RateLimitKind.Weight, 60, TimeSpan.FromSeconds(1), 60)));
        Assert.Equal(60, budget.Rule("w").Burst);
        Assert.Equal(50, budget.Used("w", 0));
        Assert.True(gate.TryAcquire(10, 0, out _));
        Assert.False(gate.TryAcquire(1, 0, out _));
    }

    [Fact]
    public async Task AcquireAsync_completes_synchronously_with_room_and_waits_on_the_budget_clock_without()
    {
        var (budget, time) = NewBudget();
        budget.SetRule(new RateLimitRule("w", RateLimitKind.Weight, 10, TimeSpan.FromSeconds(1), 10));
        var gate = budget.CreateGate("g", "w");
        Assert.True(gate.AcquireAsync(10, TestContext.Current.CancellationToken).IsCompletedSuccessfully);

        var pending = gate.AcquireAsync(5, TestContext.Current.CancellationToken).AsTask();
        Assert.False(pending.IsCompleted);
        Assert.Equal(1, gate.Waits);
        time.Advance(TimeSpan.FromMilliseconds(499));
        await Task.Delay(20, TestContext.Current.CancellationToken);
        Assert.False(pending.IsCompleted);
        time.Advance(TimeSpan.FromMilliseconds(1));
        await pending.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        Assert.Equal(2, gate.Acquired);

        // During a penalty it waits for the box to open.
        budget.Penalize(TimeSpan.FromSeconds(30));
        time.Advance(TimeSpan.FromSeconds(5));
        var blocked = gate.AcquireAsync(1, TestContext.Current.CancellationToken).AsTask();
        time.Advance(TimeSpan.FromSeconds(24));
        await Task.Delay(20, TestContext.Current.CancellationToken);
        Assert.False(blocked.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(1));
        await blocked.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task AcquireAsync_honours_cancellation()
    {
        var (budget, _) = NewBudget();
        budget.SetRule(new RateLimitRule("w", RateLimitKind.Weight, 1, TimeSpan.FromSeconds(1), 1));
        var gate = budget.CreateGate("g", "w");
        await gate.AcquireAsync(1, TestContext.Current.CancellationToken);
        using var cts = new CancellationTokenSource();
        var waiting = gate.AcquireAsync(1, cts.Token).AsTask();
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
    }

    [Fact]
    public void TryAcquire_does_not_allocate()
    {
        var (budget, _) = NewBudget();
        budget.SetRule(new RateLimitRule("a", RateLimitKind.Weight, 1_000_000, TimeSpan.FromSeconds(1), 1_000_000));
        budget.SetRule(new RateLimitRule("b", RateLimitKind.Count, 1000, TimeSpan.FromSeconds(1), 1000));
        var gate = budget.CreateGate("g", "a", "b");
        for (var i = 0; i < 1000; i++) gate.TryAcquire(1, i * 1000L, out _);
        var before = GC.GetAllocatedBytesForCurrentThread();
        long now = 0;
        for (var i = 0; i < 100_000; i++)
        {
            now += 500_000; // both outcomes: some granted, some refused
            gate.TryAcquire(3, now, out _);
        }
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.True(gate.Denied > 0 && gate.Acquired > 0);
    }

    [Fact]
    public void AcquireAsync_with_room_does_not_allocate()
    {
        var (budget, _) = NewBudget();
        budget.SetRule(new RateLimitRule("a", RateLimitKind.Weight, 1_000_000_000, TimeSpan.FromSeconds(1), 1_000_000_000));
        var gate = budget.CreateGate("g", "a");
        var token = TestContext.Current.CancellationToken;
        for (var i = 0; i < 1000; i++) _ = gate.AcquireAsync(1, token).IsCompletedSuccessfully;
        var before = GC.GetAllocatedBytesForCurrentThread();
        var completed = 0;
        for (var i = 0; i < 100_000; i++)
            if (gate.AcquireAsync(1, token).IsCompletedSuccessfully) completed++;
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(100_000, completed);
    }
}

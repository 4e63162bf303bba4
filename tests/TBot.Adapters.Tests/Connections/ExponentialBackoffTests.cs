using TBot.Adapters.Connections;

namespace TBot.Adapters.Tests.Connections;

public class ExponentialBackoffTests
{
    private static readonly BackoffPolicy Policy = new(TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(60));

    [Fact]
    public void Ceilings_double_up_to_the_cap()
    {
        var backoff = new ExponentialBackoff(Policy);
        Assert.Equal(TimeSpan.FromMilliseconds(100), backoff.Ceiling(0));
        Assert.Equal(TimeSpan.FromMilliseconds(200), backoff.Ceiling(1));
        Assert.Equal(TimeSpan.FromMilliseconds(3200), backoff.Ceiling(5));
        Assert.Equal(TimeSpan.FromSeconds(5), backoff.Ceiling(6));
        Assert.Equal(TimeSpan.FromSeconds(5), backoff.Ceiling(1000)); // no overflow
    }

    [Fact]
    public void Seeded_full_jitter_stays_within_bounds_and_is_reproducible()
    {
        var a = new ExponentialBackoff(Policy, new Random(42));
        var b = new ExponentialBackoff(Policy, new Random(42));
        var delays = new List<TimeSpan>();
        for (var n = 0; n < 200; n++)
        {
            var ceiling = a.Ceiling(a.Attempt);
            var delay = a.Next();
            Assert.InRange(delay, TimeSpan.Zero, ceiling);
            Assert.Equal(delay, b.Next());
            delays.Add(delay);
        }
        Assert.Equal(62, a.Attempt); // saturates instead of overflowing
        // Full jitter: spread over the range, not pinned to the ceiling.
        var capped = delays.Skip(10).ToList();
        Assert.Contains(capped, d => d < TimeSpan.FromSeconds(2.5));
        Assert.Contains(capped, d => d > TimeSpan.FromSeconds(2.5));
        Assert.All(capped, d => Assert.True(d <= Policy.Max));
    }

    [Fact]
    public void Only_a_stable_session_resets_the_attempts()
    {
        var backoff = new ExponentialBackoff(Policy, new Random(1));
        backoff.Next();
        backoff.Next();
        backoff.Next();
        Assert.Equal(3, backoff.Attempt);
        Assert.False(backoff.OnSessionEnded(TimeSpan.FromSeconds(59)));
        Assert.Equal(3, backoff.Attempt);
        Assert.True(backoff.OnSessionEnded(TimeSpan.FromSeconds(60)));
        Assert.Equal(0, backoff.Attempt);
        Assert.InRange(backoff.Next(), TimeSpan.Zero, TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void Zero_initial_delay_means_immediate_retries()
    {
        var backoff = new ExponentialBackoff(new BackoffPolicy(TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero));
        for (var i = 0; i < 5; i++) Assert.Equal(TimeSpan.Zero, backoff.Next());
        Assert.Throws<ArgumentOutOfRangeException>(() => new ExponentialBackoff(new BackoffPolicy(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(1), TimeSpan.Zero)));
    }
}

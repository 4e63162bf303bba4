using TBot.Engine.Risk;

namespace TBot.Engine.Tests.Risk;

public class TokenBucketTests
{
    private const long T0 = RiskBed.T0;
    private const long Ms = RiskBed.Ms;

    [Fact]
    public void Starts_full_and_refills_exactly_by_engine_time()
    {
        var bucket = new TokenBucket(ratePerSecond: 10, burst: 5);
        for (var i = 0; i < 5; i++) Assert.True(bucket.TryTake(T0));
        Assert.False(bucket.TryTake(T0));
        Assert.False(bucket.TryTake(T0 + 100 * Ms - 1));
        Assert.True(bucket.TryTake(T0 + 100 * Ms));
        Assert.False(bucket.TryTake(T0 + 100 * Ms));
        Assert.Equal(3, bucket.Available(T0 + 400 * Ms));
    }

    [Fact]
    public void Fractional_refill_accumulates_without_drift()
    {
        // 3 per second: one token every 333 333 333⅓ ns; three tokens take exactly one second. (A burst of 2 keeps the
        // bucket below capacity throughout, so no fraction is lost to clamping.)
        var bucket = new TokenBucket(3, 2);
        Assert.True(bucket.TryTake(T0));
        Assert.True(bucket.TryTake(T0));
        Assert.False(bucket.TryTake(T0 + 333_333_333));
        Assert.True(bucket.TryTake(T0 + 333_333_334));
        Assert.False(bucket.TryTake(T0 + 666_666_666));
        Assert.True(bucket.TryTake(T0 + 666_666_667));
        Assert.False(bucket.TryTake(T0 + 999_999_999));
        Assert.True(bucket.TryTake(T0 + 1_000_000_000));
    }

    [Fact]
    public void Never_holds_more_than_the_burst_even_after_a_long_idle()
    {
        var bucket = new TokenBucket(1_000, 7);
        Assert.True(bucket.TryTake(T0));
        Assert.Equal(7, bucket.Available(T0 + 100L * 365 * 86_400 * 1_000 * Ms)); // a century: no overflow
    }

    [Fact]
    public void Time_running_backwards_earns_nothing()
    {
        var bucket = new TokenBucket(1, 1);
        Assert.True(bucket.TryTake(T0));
        Assert.False(bucket.TryTake(T0 - 10_000 * Ms));
        Assert.False(bucket.TryTake(T0 + 999 * Ms));
        Assert.True(bucket.TryTake(T0 + 1_000 * Ms));
    }

    [Fact]
    public void Zero_rate_is_unlimited_and_zero_burst_means_one_second()
    {
        var unlimited = new TokenBucket(0, 0);
        Assert.True(unlimited.IsUnlimited);
        for (var i = 0; i < 1_000; i++) Assert.True(unlimited.TryTake(T0));

        var bucket = new TokenBucket(4, 0);
        Assert.Equal(4, bucket.Burst);
        Assert.Equal(4, bucket.Available(T0));
    }

    [Fact]
    public void Reconfiguring_keeps_earned_tokens_within_the_new_burst()
    {
        var bucket = new TokenBucket(10, 5);
        Assert.True(bucket.TryTake(T0));
        Assert.True(bucket.TryTake(T0)); // 3 left
        bucket.Configure(10, 2);
        Assert.Equal(2, bucket.Available(T0));
        bucket.Configure(10, 10);
        Assert.Equal(2, bucket.Available(T0)); // a bigger burst is not a refill

        var wasUnlimited = new TokenBucket(0, 0);
        Assert.True(wasUnlimited.TryTake(T0));
        wasUnlimited.Configure(1, 3);
        Assert.Equal(3, wasUnlimited.Available(T0)); // becoming limited starts full
    }

    [Fact]
    public void Same_timestamps_same_answers()
    {
        var a = new TokenBucket(7, 3);
        var b = new TokenBucket(7, 3);
        var now = T0;
        var seed = 12345u;
        for (var i = 0; i < 10_000; i++)
        {
            seed = seed * 1_664_525 + 1_013_904_223;
            now += seed % (50 * Ms);
            Assert.Equal(a.TryTake(now), b.TryTake(now));
        }
    }

    [Fact]
    public void Rejects_out_of_range_settings()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new TokenBucket(-1, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new TokenBucket(1, -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new TokenBucket(TokenBucket.MaxRate + 1, 1));
    }
}

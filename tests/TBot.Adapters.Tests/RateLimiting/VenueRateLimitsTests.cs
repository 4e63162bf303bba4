using TBot.Adapters.Binance;
using TBot.Adapters.RateLimiting;
using TBot.Engine.Instruments;

namespace TBot.Adapters.Tests.RateLimiting;

public class VenueRateLimitsTests
{
    [Fact]
    public void Binance_preset_links_rest_weight_and_raw_requests_and_orders()
    {
        var limits = RateLimitPresets.Binance(new ManualTimeProvider());
        Assert.Equal(Venue.Binance, limits.Venue);
        Assert.Equal(["REQUEST_WEIGHT:1M", "RAW_REQUESTS:5M"], limits.Rest("/api/v3/depth?symbol=BTCUSDT&limit=100").RuleNames);
        Assert.Same(limits.RestDefault, limits.Rest("/api/v3/klines"));
        Assert.Equal(["REQUEST_WEIGHT:1M", "RAW_REQUESTS:5M", "ORDERS:10S", "ORDERS:1D"], limits.Rest("/api/v3/order").RuleNames);
        Assert.Equal(["WS_CONNECTS:5M"], limits.Connect.RuleNames);
        Assert.Equal(6000, limits.Budget.Rule("REQUEST_WEIGHT:1M").MaxPerWindow);
        Assert.Equal(300, limits.Budget.Rule("WS_CONNECTS:5M").MaxPerWindow);
    }

    [Fact]
    public void Binance_client_messages_are_limited_per_connection()
    {
        var limits = RateLimitPresets.Binance(new ManualTimeProvider());
        var a = limits.ClientMessages(1);
        var b = limits.ClientMessages(2);
        Assert.NotSame(a, b);
        Assert.Same(a, limits.ClientMessages(1));
        var now = limits.Budget.NowNs;
        var sentA = 0;
        while (a.TryAcquire(1, now, out _)) sentA++;
        Assert.True(sentA is >= 1 and <= 5);
        Assert.True(b.TryAcquire(1, now, out _)); // the other connection has its own budget
        Assert.Equal(5, limits.Budget.Rule("WS_MESSAGES:1S#1").MaxPerWindow);
    }

    [Fact]
    public void Coinbase_client_messages_share_one_per_ip_limit()
    {
        var limits = RateLimitPresets.Coinbase(new ManualTimeProvider());
        Assert.Same(limits.ClientMessages(1), limits.ClientMessages(2));
        Assert.Equal(8, limits.Budget.Rule("WS_MESSAGES:1S").MaxPerWindow);
        Assert.Equal(8, limits.Budget.Rule("WS_CONNECTS:1S").MaxPerWindow);
    }

    [Fact]
    public void Okx_rest_limits_are_per_endpoint_from_the_format_doc()
    {
        var limits = RateLimitPresets.Okx(new ManualTimeProvider());
        var books = limits.Rest("/api/v5/market/books?instId=BTC-USDT&sz=20");
        var ticker = limits.Rest("/api/v5/market/ticker?instId=BTC-USDT");
        Assert.NotSame(books, ticker);
        Assert.Equal(40, limits.Budget.Rule("REST:/api/v5/market/books").MaxPerWindow);
        Assert.Equal(20, limits.Budget.Rule("REST:/api/v5/market/ticker").MaxPerWindow);
        Assert.Equal(3, limits.Budget.Rule("WS_CONNECTS:1S").MaxPerWindow);
        Assert.Equal(["WS_OPS:1H#0"], limits.ClientMessages(0).RuleNames);
        Assert.Equal(480, limits.Budget.Rule("WS_OPS:1H#0").MaxPerWindow);

        // The ticker endpoint's 20 / 2 s does not eat into the books endpoint's budget.
        var now = limits.Budget.NowNs;
        while (ticker.TryAcquire(1, now, out _)) { }
        Assert.True(books.TryAcquire(1, now, out _));
    }

    [Fact]
    public void Binance_exchange_info_limits_replace_the_defaults_and_new_intervals_get_linked()
    {
        var limits = RateLimitPresets.Binance(new ManualTimeProvider());
        var applied = limits.ApplyBinanceRateLimits(
        [
            new BinanceRateLimit("REQUEST_WEIGHT", "MINUTE", 1, 1200),
            new BinanceRateLimit("ORDERS", "SECOND", 10, 50),
            new BinanceRateLimit("ORDERS", "DAY", 1, 160000),
            new BinanceRateLimit("RAW_REQUESTS", "MINUTE", 5, 61000),
            new BinanceRateLimit("REQUEST_WEIGHT", "SECOND", 10, 300),
            new BinanceRateLimit("ORDERS", "HOUR", 1, 5000),
        ]);
        Assert.Equal(6, applied);
        Assert.Equal(1200, limits.Budget.Rule("REQUEST_WEIGHT:1M").MaxPerWindow);
        Assert.Contains("REQUEST_WEIGHT:10S", limits.RestDefault.RuleNames);
        Assert.Contains("REQUEST_WEIGHT:10S", limits.Rest("/api/v3/order").RuleNames);
        Assert.Contains("ORDERS:1H", limits.Rest("/api/v3/order").RuleNames);
        Assert.DoesNotContain("ORDERS:1H", limits.RestDefault.RuleNames);

        // 1200/min now: the burst is 600 weight.
        var gate = limits.Rest("/api/v3/depth");
        var now = limits.Budget.NowNs;
        var weight = 0;
        while (gate.TryAcquire(50, now, out _)) weight += 50;
        Assert.Equal(150, weight); // REQUEST_WEIGHT:10S (300 per 10 s → burst 150) is now the tighter one
    }

    [Fact]
    public void Binance_used_weight_header_raises_the_minute_limit()
    {
        var limits = RateLimitPresets.Binance(new ManualTimeProvider());
        using var response = new HttpResponseMessage();
        response.Headers.TryAddWithoutValidation("X-MBX-USED-WEIGHT-1M", "5990");
        response.Headers.TryAddWithoutValidation("x-mbx-used-weight-1s", "7"); // no such rule: ignored
        var now = limits.Budget.NowNs;
        limits.ObserveResponse(response.Headers, now);
        Assert.Equal(5990, limits.Budget.Used("REQUEST_WEIGHT:1M", now));
        Assert.False(limits.Rest("/api/v3/depth").TryAcquire(25, now, out var retry));
        Assert.True(retry > 50_000_000_000L);
    }

    [Fact]
    public void Headers_of_other_venues_are_ignored()
    {
        var limits = RateLimitPresets.Okx(new ManualTimeProvider());
        using var response = new HttpResponseMessage();
        response.Headers.TryAddWithoutValidation("X-MBX-USED-WEIGHT-1M", "5990");
        limits.ObserveResponse(response.Headers, limits.Budget.NowNs);
        Assert.True(limits.RestDefault.TryAcquire(1, out _));
    }

    [Fact]
    public void Binance_depth_weights_follow_the_doc()
    {
        Assert.Equal(5, BinanceWeights.Depth(100));
        Assert.Equal(25, BinanceWeights.Depth(101));
        Assert.Equal(25, BinanceWeights.Depth(500));
        Assert.Equal(50, BinanceWeights.Depth(1000));
        Assert.Equal(250, BinanceWeights.Depth(5000));
    }

    [Fact]
    public void Window_split_keeps_the_limit()
    {
        var rule = RateLimitRule.Window("x", RateLimitKind.Count, 5, TimeSpan.FromSeconds(1));
        Assert.Equal(3, rule.Burst);
        Assert.Equal(3, rule.Rate);
        Assert.Equal(5, rule.MaxPerWindow);
        Assert.Throws<ArgumentOutOfRangeException>(() => RateLimitRule.Window("x", RateLimitKind.Count, 5, TimeSpan.FromSeconds(1), 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RateLimitRule("x", RateLimitKind.Count, 1, TimeSpan.Zero, 1));
    }
}

using TBot.Adapters.Okx;

namespace TBot.Adapters.Tests.Okx;

public class OkxRateLimitsTests
{
    [Theory]
    [InlineData("/api/v5/market/ticker", 20)]
    [InlineData("/api/v5/market/tickers", 20)]
    [InlineData("/api/v5/market/books", 40)]
    [InlineData("/api/v5/market/candles", 40)]
    [InlineData("/api/v5/market/history-candles", 20)]
    [InlineData("/api/v5/public/instruments", 20)]
    public void DocumentedPublicLimits_PerTwoSeconds(string endpoint, int requests)
    {
        Assert.True(OkxRateLimits.TryGet(endpoint, out var limit));
        Assert.Equal(new OkxRateLimit(endpoint, requests, TimeSpan.FromSeconds(2)), limit);
    }

    [Fact]
    public void Table_HasTheSixDocumentedEndpoints() => Assert.Equal(6, OkxRateLimits.PublicRest.Count);

    [Fact]
    public void QueryString_IsIgnored_UnknownEndpoint_IsNotFound()
    {
        Assert.True(OkxRateLimits.TryGet("/api/v5/market/books?instId=BTC-USDT&sz=20", out var books));
        Assert.Equal(40, books.Requests);
        Assert.False(OkxRateLimits.TryGet("/api/v5/market/trades", out _));
        Assert.False(OkxRateLimits.TryGet("/api/v5/market/ticker/", out _));
    }

    [Fact]
    public void RateLimitedSignal_And_WsLimits()
    {
        Assert.Equal((429, 50011), (OkxRateLimits.RateLimitedHttpStatus, OkxRateLimits.RateLimitedCode));
        Assert.Equal((3, 480), (OkxRateLimits.WsConnectsPerSecond, OkxRateLimits.WsOpsPerHour));
    }
}

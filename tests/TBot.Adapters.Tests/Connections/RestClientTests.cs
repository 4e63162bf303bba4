using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using TBot.Adapters.Connections;
using TBot.Adapters.RateLimiting;
using TBot.Adapters.Tests.RateLimiting;

namespace TBot.Adapters.Tests.Connections;

public class RestClientTests
{
    private const string DepthBody = """{"lastUpdateId":42,"bids":[],"asks":[["0.35300000","100.00000000"]]}""";

    /// <summary>Answers from a script: one entry per call (status, Retry-After seconds or null, used weight), then 200s.</summary>
    private static RequestDelegate Scripted(List<(int Status, int? RetryAfter, int UsedWeight)> script, Func<int> nextCall) => async ctx =>
    {
        var call = nextCall();
        var (status, retryAfter, used) = call <= script.Count ? script[call - 1] : (200, null, 10);
        ctx.Response.StatusCode = status;
        ctx.Response.Headers["X-MBX-USED-WEIGHT-1M"] = used.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (retryAfter is { } s) ctx.Response.Headers.RetryAfter = s.ToString(System.Globalization.CultureInfo.InvariantCulture);
        ctx.Response.ContentType = "application/json";
        await ctx.Response.WriteAsync(status == 200 ? DepthBody : """{"code":-1003,"msg":"Too many requests."}""");
    };

    private static (RestClient Client, VenueRateLimits Limits, ManualTimeProvider Time, FramePool Pool, HttpClient Http) NewClient(LoopbackServer server,
        RestClientOptions? options = null, ManualTimeProvider? time = null)
    {
        time ??= new ManualTimeProvider();
        var limits = RateLimitPresets.Binance(time);
        var pool = new FramePool();
        var http = new HttpClient { BaseAddress = server.HttpBase };
        return (new RestClient(http, limits, pool, options ?? new RestClientOptions { RetryBackoff = new(TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero) }, time, new TestLogger()),
            limits, time, pool, http);
    }

    /// <summary>Step the fake clock until <paramref name="call"/> completes (the client may compute its wait at any
    /// point of the stepping; only the clock time at which the server sees the request matters).</summary>
    private static async Task<T> AdvanceUntil<T>(ManualTimeProvider time, Task<T> call, TimeSpan step, TimeSpan limit, CancellationToken token)
    {
        var advanced = TimeSpan.Zero;
        while (!call.IsCompleted && advanced < limit)
        {
            time.Advance(step);
            advanced += step;
            await Task.Delay(5, token);
        }
        return await call.WaitAsync(TimeSpan.FromSeconds(10), token);
    }

    [Fact]
    public async Task A_429_with_Retry_After_blocks_the_venue_budget_and_the_call_waits_it_out()
    {
        var token = TestContext.Current.CancellationToken;
        var time = new ManualTimeProvider();
        var callTimes = new List<TimeSpan>();
        await using var server = await LoopbackServer.StartAsync(app =>
            app.Map("/api/v3/depth", Scripted([(429, 2, 1234)], () =>
            {
                lock (callTimes)
                {
                    callTimes.Add(time.Elapsed);
                    return callTimes.Count;
                }
            })));
        var (client, limits, _, pool, http) = NewClient(server, time: time);
        using var _ = http;

        var call = client.GetAsync("/api/v3/depth?symbol=BTCUSDT&limit=100", BinanceWeights.Depth(100), token);
        await SpscFrameQueueTests.WaitUntil(() => limits.Budget.Penalties == 1, token);
        var now = limits.Budget.NowNs;
        // Penalty box: exactly Retry-After on the (frozen) budget clock, for every gate of the venue.
        Assert.Equal(2_000_000_000L, limits.Budget.BlockedUntilNs - now);
        Assert.False(limits.Connect.TryAcquire(1, now, out var retry));
        Assert.Equal(2_000_000_000L, retry);
        Assert.True(limits.Budget.Used("REQUEST_WEIGHT:1M", now) >= 1234); // X-MBX-USED-WEIGHT-1M recorded
        await Task.Delay(50, token);
        Assert.False(call.IsCompleted); // nothing moves until the budget clock does
        Assert.Single(callTimes);

        using var response = await AdvanceUntil(time, call, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(10), token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, response.Attempts);
        Assert.Equal(DepthBody, Encoding.UTF8.GetString(response.Body));
        Assert.Equal(2, callTimes.Count);
        Assert.Equal(TimeSpan.Zero, callTimes[0]);
        Assert.True(callTimes[1] >= TimeSpan.FromSeconds(2), $"retried at {callTimes[1]}, before Retry-After");
        Assert.Equal(1, client.Stats.RateLimited);
        Assert.Equal(1, pool.Outstanding);
        response.Dispose();
        Assert.Equal(0, pool.Outstanding);
    }

    [Fact]
    public async Task A_418_ban_is_returned_not_retried_and_blocks_for_Retry_After()
    {
        var token = TestContext.Current.CancellationToken;
        var calls = 0;
        await using var server = await LoopbackServer.StartAsync(app =>
            app.Map("/api/v3/depth", Scripted([(418, 120, 6000)], () => Interlocked.Increment(ref calls))));
        var (client, limits, _, _, http) = NewClient(server);
        using var _ = http;
        using var response = await client.GetAsync("/api/v3/depth?symbol=BTCUSDT&limit=100", 5, token);
        Assert.Equal((HttpStatusCode)418, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(120), response.RetryAfter);
        Assert.Contains("-1003", Encoding.UTF8.GetString(response.Body));
        Assert.Equal(1, calls);
        Assert.Equal(1, client.Stats.Banned);
        Assert.Equal(TimeSpan.FromSeconds(120), limits.Budget.BlockedFor(limits.Budget.NowNs));
    }

    [Fact]
    public async Task Server_errors_are_retried_for_GET_only()
    {
        var token = TestContext.Current.CancellationToken;
        var getCalls = 0;
        var postCalls = 0;
        await using var server = await LoopbackServer.StartAsync(app =>
        {
            app.Map("/api/v3/depth", Scripted([(503, null, 1), (500, null, 1)], () => Interlocked.Increment(ref getCalls)));
            app.Map("/api/v3/order", Scripted([(503, null, 1)], () => Interlocked.Increment(ref postCalls)));
        });
        var (client, _, _, _, http) = NewClient(server);
        using var _ = http;

        using (var response = await client.GetAsync("/api/v3/depth?symbol=BTCUSDT&limit=100", 5, token))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(3, response.Attempts);
        }
        Assert.Equal(3, getCalls);
        Assert.Equal(2, client.Stats.ServerErrors);

        using (var response = await client.SendAsync(HttpMethod.Post, "/api/v3/order", () => new StringContent("symbol=BTCUSDT"), 1, idempotent: false, token))
        {
            // Unknown outcome for an order: never resent.
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.Equal(1, response.Attempts);
        }
        Assert.Equal(1, postCalls);
    }

    [Fact]
    public async Task Retries_stop_after_max_attempts()
    {
        var token = TestContext.Current.CancellationToken;
        var calls = 0;
        await using var server = await LoopbackServer.StartAsync(app =>
            app.Map("/api/v3/depth", Scripted([.. Enumerable.Repeat((502, (int?)null, 1), 10)], () => Interlocked.Increment(ref calls))));
        var (client, _, _, _, http) = NewClient(server, new RestClientOptions { MaxAttempts = 3, RetryBackoff = new(TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero) });
        using var _ = http;
        using var response = await client.GetAsync("/api/v3/depth", 5, token);
        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal(3, calls);
    }

    [Fact]
    public async Task Every_request_acquires_its_weight_first()
    {
        var token = TestContext.Current.CancellationToken;
        var time = new ManualTimeProvider();
        var callTimes = new List<TimeSpan>();
        await using var server = await LoopbackServer.StartAsync(app =>
            app.Map("/api/v3/depth", Scripted([], () =>
            {
                lock (callTimes)
                {
                    callTimes.Add(time.Elapsed);
                    return callTimes.Count;
                }
            })));
        var (client, limits, _, _, http) = NewClient(server, time: time);
        using var _ = http;
        // Preset: 6000/min split as a 3000 burst: twelve limit-5000 snapshots (250 each) go at once, the 13th waits
        // until 250 units have drained at 3001 per minute (≈ 5 s).
        for (var i = 0; i < 12; i++)
            using (await client.GetAsync("/api/v3/depth?symbol=BTCUSDT&limit=5000", BinanceWeights.Depth(5000), token)) { }
        var thirteenth = client.GetAsync("/api/v3/depth?symbol=BTCUSDT&limit=5000", 250, token);
        await Task.Delay(50, token);
        Assert.False(thirteenth.IsCompleted);
        Assert.Equal(12, callTimes.Count);
        Assert.Equal(1, limits.Rest("/api/v3/depth").Waits);
        using var last = await AdvanceUntil(time, thirteenth, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(30), token);
        Assert.Equal(13, callTimes.Count);
        Assert.All(callTimes.Take(12), t => Assert.Equal(TimeSpan.Zero, t));
        Assert.True(callTimes[12] >= TimeSpan.FromSeconds(4.99), $"13th call at {callTimes[12]}");
    }
}

using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using TBot.Adapters.Connections;
using TBot.Adapters.RateLimiting;
using TBot.Adapters.Tests.RateLimiting;
using TBot.Engine.Instruments;

namespace TBot.Adapters.Tests.Connections;

public class SnapshotFetcherTests
{
    // Format doc §4.2, example 1.
    private const string Depth = """
        {
            "lastUpdateId": 1027024,
            "bids": [
                [
                    "4.00000000",
                    "431.00000000"
                ]
            ],
            "asks": [["4.00000200", "12.00000000"]]
        }
        """;

    [Fact]
    public async Task Fetches_depth_and_hands_the_body_to_the_ingress_queue_tagged_with_instrument_connection_and_epoch()
    {
        var token = TestContext.Current.CancellationToken;
        var queries = new List<string>();
        RequestDelegate handler = async ctx =>
        {
            lock (queries) queries.Add(ctx.Request.QueryString.Value!);
            if (ctx.Request.Query["symbol"] == "BADUSDT")
            {
                ctx.Response.StatusCode = 400;
                await ctx.Response.WriteAsync("""{"code":-1121,"msg":"Invalid symbol."}""");
                return;
            }
            await ctx.Response.WriteAsync(Depth);
        };
        await using var server = await LoopbackServer.StartAsync(app => app.Map("/api/v3/depth", handler));
        var time = new ManualTimeProvider();
        var registry = new InstrumentRegistry();
        var btc = registry.Add(Venue.Binance, "BTCUSDT", 8, 8);
        var bad = registry.Add(Venue.Binance, "BADUSDT", 8, 8);
        var pool = new FramePool();
        using var http = new HttpClient { BaseAddress = server.HttpBase };
        var rest = new RestClient(http, RateLimitPresets.Binance(time), pool, time: time);
        var queue = new SpscFrameQueue(16, pool);
        await using var fetcher = new SnapshotFetcher(rest, registry, new BinanceDepthSnapshotEndpoint(100), queue, time: time, logger: new TestLogger());

        // Two requests before the worker runs: coalesced into one fetch that uses the latest target.
        Assert.True(fetcher.Request(btc.Id, connectionId: 2, epoch: 6));
        Assert.True(fetcher.Request(btc.Id, connectionId: 2, epoch: 7));
        Assert.False(fetcher.Request(999, 2, 7));
        fetcher.Start(token);

        var frames = new List<FrameHandle>();
        await SpscFrameQueueTests.WaitUntil(() =>
        {
            while (queue.TryDequeue(out var f)) frames.Add(f);
            return frames.Count >= 1;
        }, token);
        var frame = Assert.Single(frames);
        Assert.Equal(FrameHandleKind.RestSnapshot, frame.Kind);
        Assert.Equal(Venue.Binance, frame.Venue);
        Assert.Equal(btc.Id, frame.InstrumentId);
        Assert.Equal(2, frame.ConnectionId);
        Assert.Equal(7, frame.Epoch);
        Assert.Equal(200, frame.Status);
        Assert.Equal(Depth, Encoding.UTF8.GetString(frame.Span));
        queue.Release(frame);
        Assert.Equal(["?symbol=BTCUSDT&limit=100"], queries);
        Assert.Equal(1, fetcher.Stats.Coalesced);
        await SpscFrameQueueTests.WaitUntil(() => fetcher.Stats.Fetched == 1, token);

        // An error answer is delivered (to be counted) and refetched after a backoff on the fetcher's clock.
        frames.Clear();
        Assert.True(fetcher.Request(bad.Id, 2, 7));
        await SpscFrameQueueTests.WaitUntil(() =>
        {
            while (queue.TryDequeue(out var f)) frames.Add(f);
            return frames.Count >= 1;
        }, token);
        Assert.Equal(FrameHandleKind.RestError, frames[0].Kind);
        Assert.Equal(400, frames[0].Status);
        Assert.Contains("-1121", Encoding.UTF8.GetString(frames[0].Span));
        queue.Release(frames[0]);
        await SpscFrameQueueTests.WaitUntil(() => fetcher.Stats.Failed == 1, token);
        // The fetcher may arm its backoff timer just after counting the failure: keep moving the fake clock
        // until the refetch shows up, rather than advancing once and racing the timer's creation.
        await SpscFrameQueueTests.WaitUntil(() =>
        {
            time.Advance(TimeSpan.FromSeconds(10));
            while (queue.TryDequeue(out var f))
            {
                frames.Add(f);
                queue.Release(f);
            }
            return frames.Count >= 2;
        }, token);
        Assert.Equal(FrameHandleKind.RestError, frames[1].Kind);
        Assert.Equal(0, pool.Outstanding);
    }

    [Fact]
    public void Depth_endpoint_builds_the_documented_request()
    {
        var registry = new InstrumentRegistry();
        var instrument = registry.Add(Venue.Binance, "BTCUSDT", 2, 6);
        var endpoint = new BinanceDepthSnapshotEndpoint();
        Assert.Equal("/api/v3/depth?symbol=BTCUSDT&limit=1000", endpoint.PathAndQuery(instrument));
        Assert.Equal(50, endpoint.Weight);
        Assert.Equal(250, new BinanceDepthSnapshotEndpoint(5000).Weight);
        Assert.Throws<ArgumentOutOfRangeException>(() => new BinanceDepthSnapshotEndpoint(5001));
    }
}

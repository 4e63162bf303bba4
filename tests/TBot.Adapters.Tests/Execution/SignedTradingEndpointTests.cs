using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using TBot.Adapters.Execution.Binance;
using TBot.Adapters.Simulator.Faults;
using TBot.Adapters.Simulator.Orders;
using TBot.Adapters.Tests.Simulator;
using TBot.Engine.Events;
using TBot.Engine.Instruments;
using TBot.Engine.Orders;

namespace TBot.Adapters.Tests.Execution;

/// <summary>What goes over the wire for signed calls, and the simulator's trading additions (account, skew, faults).</summary>
public class SignedTradingEndpointTests
{
    private static string Hmac(string payload) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(ExecutionHarness.Secret), Encoding.UTF8.GetBytes(payload)));

    [Fact]
    public async Task A_new_order_is_a_signed_form_POST_with_the_api_key_recvWindow_and_server_timestamp()
    {
        using var capture = new CapturingHandler();
        await using var h = await ExecutionHarness.StartAsync(recvWindow: TimeSpan.FromMilliseconds(7000), handler: capture);
        var ct = SimTest.Timeout(20);
        var gateway = h.Gateway();
        await gateway.StartAsync(ct);
        var (bid, _) = h.Touch();
        var order = h.NewOrder(1, Side.Buy, OrderType.Limit, bid - 50_000, 1_234);

        gateway.Submit(in order, 0, new ListSink());
        var accepted = await h.Collector.WaitForAsync(r => r.ClientOrderId == order.ClientOrderId, ct);

        Assert.Equal(ExecutionReportKind.Accepted, accepted.Kind); // the simulator verified the signature
        var post = Assert.Single(capture.Requests, r => r.Method == HttpMethod.Post);
        Assert.Equal("/api/v3/order", post.Uri.AbsolutePath);
        Assert.Equal("", post.Uri.Query); // everything is in the body
        Assert.Equal(ExecutionHarness.Key, post.ApiKey);
        var body = post.Body!;
        var cut = body.LastIndexOf("&signature=", StringComparison.Ordinal);
        Assert.True(cut > 0);
        var payload = body[..cut];
        Assert.Equal(Hmac(payload), body[(cut + "&signature=".Length)..]);
        var fields = payload.Split('&').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
        Assert.Equal("BTCUSDT", fields["symbol"]);
        Assert.Equal("BUY", fields["side"]);
        Assert.Equal("LIMIT", fields["type"]);
        Assert.Equal("GTC", fields["timeInForce"]);
        Assert.Equal(Engine.Numerics.FixedPoint.ToDecimalString(bid - 50_000, 2), fields["price"]);
        Assert.Equal("0.01234", fields["quantity"]);
        Assert.Equal(ExecutionHarness.ClientId(1), fields["newClientOrderId"]);
        Assert.Equal("FULL", fields["newOrderRespType"]);
        Assert.Equal("7000", fields["recvWindow"]);
        var timestamp = long.Parse(fields["timestamp"], System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(timestamp - DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), -60_000, 60_000);
        // Signed GETs (the poller's) carry the signature in the query string, also valid.
        await TestOrders.WaitUntil(() => capture.Requests.Any(r => r.Uri.AbsolutePath == "/api/v3/openOrders"), ct);
        var poll = capture.Requests.First(r => r.Uri.AbsolutePath == "/api/v3/openOrders");
        var query = poll.Uri.Query[1..];
        var qcut = query.LastIndexOf("&signature=", StringComparison.Ordinal);
        Assert.Equal(Hmac(query[..qcut]), query[(qcut + "&signature=".Length)..]);
    }

    [Fact]
    public async Task A_429_on_a_new_order_rejects_it_with_1003_and_the_order_never_reaches_the_book()
    {
        await using var h = await ExecutionHarness.StartAsync();
        var ct = SimTest.Timeout(20);
        var gateway = h.Gateway();
        await gateway.StartAsync(ct);
        var (bid, _) = h.Touch();
        var order = h.NewOrder(2, Side.Buy, OrderType.Limit, bid - 50_000, 100);
        h.Host.Faults.InjectNext(FaultKind.RateLimit429, Venue.Binance);

        gateway.Submit(in order, 0, new ListSink());

        var rejected = await h.Collector.WaitForAsync(r => r.ClientOrderId == order.ClientOrderId, ct);
        Assert.Equal(ExecutionReportKind.Rejected, rejected.Kind);
        Assert.Equal(-1003, rejected.Code);
        Assert.Equal(1, gateway.Stats.RateLimited);
        Assert.Equal(0, h.Host.Orders.Count);
        Assert.Equal(1, h.Client.Rest.Stats.RateLimited);
    }

    [Fact]
    public async Task The_simulated_account_moves_with_fills_and_locks_for_resting_orders()
    {
        await using var h = await ExecutionHarness.StartAsync(o => o.InitialBalances = new(StringComparer.Ordinal) { ["USDT"] = 50_000L * 100_000_000 });
        var ct = SimTest.Timeout(20);
        await h.Host.PauseAsync();
        var book = h.Host.Market.Snapshot(Venue.Binance, "BTCUSDT");
        var qty = Math.Min(book.Asks[0].Quantity, 1_000);
        using (var r = await h.Client.SendAsync(HttpMethod.Post, "/api/v3/order",
                   $"symbol=BTCUSDT&side=BUY&type=MARKET&quantity={Engine.Numerics.FixedPoint.ToDecimalString(qty, 5)}&newOrderRespType=FULL", 1, false, ct))
            Assert.True(r.IsSuccess);
        using (var r = await h.Client.SendAsync(HttpMethod.Post, "/api/v3/order",
                   $"symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC&price={Engine.Numerics.FixedPoint.ToDecimalString(book.Bids[0].Price - 100_000, 2)}&quantity=0.01", 1, false, ct))
            Assert.True(r.IsSuccess);

        using var account = await h.Client.SendAsync(HttpMethod.Get, "/api/v3/account", "", 20, true, ct);
        var balances = new List<AssetBalance>();
        Assert.True(BinanceResponseParser.TryParseBalances(account.Body, balances));
        var cost = book.Asks[0].Price * qty * 10; // price (2 decimals) × qty (5 decimals) is at 7 decimals: ×10 for 8
        var locked = (book.Bids[0].Price - 100_000) * 1_000 * 10;
        Assert.Equal(new AssetBalance("BTC", qty * 1_000, 0), balances.Single(b => b.Asset == "BTC"));
        Assert.Equal(new AssetBalance("USDT", 50_000L * 100_000_000 - cost - locked, locked), balances.Single(b => b.Asset == "USDT"));
        using var doc = JsonDocument.Parse(Encoding.UTF8.GetString(account.Body));
        Assert.Equal("SPOT", doc.RootElement.GetProperty("accountType").GetString());
    }

    [Fact]
    public async Task Clock_skew_shifts_the_server_time_and_the_timestamp_check()
    {
        await using var h = await ExecutionHarness.StartAsync(o => o.ClockSkew = TimeSpan.FromSeconds(-20));
        var ct = SimTest.Timeout(20);

        // Unsynced, our timestamp is 20 s ahead of the server: -1021.
        using (var r = await h.Client.SendAsync(HttpMethod.Get, "/api/v3/openOrders", "symbol=BTCUSDT", 6, true, ct))
        {
            Assert.True(BinanceResponseParser.TryParseError(r.Body, out var code, out _));
            Assert.Equal(-1021, code);
        }
        await h.Client.Clock.SyncAsync(ct);
        Assert.InRange(h.Client.Clock.OffsetMs, -22_000, -18_000);
        using (var r = await h.Client.SendAsync(HttpMethod.Get, "/api/v3/openOrders", "symbol=BTCUSDT", 6, true, ct))
            Assert.True(r.IsSuccess);
    }

    [Fact]
    public async Task Duplicate_client_id_while_open_is_2010_and_dropped_answers_still_place_the_order()
    {
        await using var h = await ExecutionHarness.StartAsync();
        var ct = SimTest.Timeout(20);
        var (bid, _) = h.Touch();
        var p = $"symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC&price={Engine.Numerics.FixedPoint.ToDecimalString(bid - 50_000, 2)}&quantity=0.001&newClientOrderId=dup-1";
        using (var r = await h.Client.SendAsync(HttpMethod.Post, "/api/v3/order", p, 1, false, ct)) Assert.True(r.IsSuccess);
        using (var r = await h.Client.SendAsync(HttpMethod.Post, "/api/v3/order", p, 1, false, ct))
        {
            Assert.True(BinanceResponseParser.TryParseError(r.Body, out var code, out var message));
            Assert.Equal(-2010, code);
            Assert.Equal("Duplicate order sent.", message);
        }
        Assert.Equal(2, h.Host.Orders.Submissions("dup-1"));

        h.Host.Faults.InjectNext(FaultKind.DropOrderResponse, Venue.Binance);
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => h.Client.SendAsync(HttpMethod.Post, "/api/v3/order", p.Replace("dup-1", "drop-1"), 1, false, ct));
        var market = h.Host.Market.Find(Venue.Binance, "BTCUSDT")!;
        Assert.Equal(SimOrderStatus.New, h.Host.Orders.Find(market, 0, "drop-1")!.Status);

        h.Host.Faults.InjectNext(FaultKind.DropOrderRequest, Venue.Binance);
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => h.Client.SendAsync(HttpMethod.Post, "/api/v3/order", p.Replace("dup-1", "lost-1"), 1, false, ct));
        Assert.Null(h.Host.Orders.Find(market, 0, "lost-1"));
        Assert.Equal(1, h.Host.Orders.Submissions("lost-1"));
        Assert.Equal(1, h.Host.FaultCounters[FaultKind.DropOrderRequest]);
    }
}

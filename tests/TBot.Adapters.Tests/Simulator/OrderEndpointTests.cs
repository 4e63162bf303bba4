using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using TBot.Adapters.Simulator;
using TBot.Adapters.Simulator.Wire;
using TBot.Engine.Instruments;

namespace TBot.Adapters.Tests.Simulator;

public class OrderEndpointTests
{
    private const string Key = "test-key";
    private const string Secret = "test-secret";

    private static Task<SimulatorHost> StartAsync(double rate = 20_000) => SimTest.StartAsync(o =>
    {
        o.ApiKey = Key;
        o.ApiSecret = Secret;
        o.MessagesPerSecond = rate;
    });

    private static string Sign(string payload, string secret = Secret) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(payload)));

    private static long Now() => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

    /// <summary>Send a signed request with the parameters in the query string (signature appended last).</summary>
    private static async Task<(HttpStatusCode Status, JsonDocument Body)> SendAsync(SimulatorHost host, HttpMethod method, string path, string query,
        CancellationToken ct, string key = Key, string? signature = null)
    {
        var sig = signature ?? Sign(query);
        using var client = new HttpClient();
        using var request = new HttpRequestMessage(method, new Uri(host.Endpoints.BinanceRestBase, $"{path}?{query}&signature={sig}"));
        if (key.Length > 0) request.Headers.Add("X-MBX-APIKEY", key);
        using var response = await client.SendAsync(request, ct);
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct)));
    }

    private static string Price(long mantissa) => WireNumber.ToText(mantissa, 2, NumberStyle.Exact);

    [Fact]
    public async Task SignedLimitOrder_IsAccepted_Queried_Listed_AndCanceled()
    {
        await using var host = await StartAsync();
        var ct = SimTest.Timeout();
        var bid = host.Market.Snapshot(Venue.Binance, "BTCUSDT").Bids[0].Price;
        var far = Price(bid - 50_000); // 500 USDT below the bid: rests
        var (status, body) = await SendAsync(host, HttpMethod.Post, "/api/v3/order",
            $"symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC&quantity=0.01&price={far}&newClientOrderId=myOrder1&recvWindow=5000&timestamp={Now()}", ct);
        using (body)
        {
            Assert.Equal(HttpStatusCode.OK, status);
            var o = body.RootElement;
            Assert.Equal("BTCUSDT", o.Str("symbol"));
            Assert.Equal("myOrder1", o.Str("clientOrderId"));
            Assert.Equal(-1, o.Long("orderListId"));
            Assert.Equal("NEW", o.Str("status"));
            Assert.Equal("0.01000000", o.Str("origQty"));
            Assert.Equal("0.00000000", o.Str("executedQty"));
            Assert.Equal(0, o.GetProperty("fills").GetArrayLength()); // FULL is the default for LIMIT
            Assert.True(o.Has("cummulativeQuoteQty"));
            var id = o.Long("orderId");

            var (qs, q) = await SendAsync(host, HttpMethod.Get, "/api/v3/order", $"symbol=BTCUSDT&orderId={id}&timestamp={Now()}", ct);
            using (q)
            {
                Assert.Equal(HttpStatusCode.OK, qs);
                Assert.Equal("NEW", q.RootElement.Str("status"));
                Assert.True(q.RootElement.GetProperty("isWorking").GetBoolean());
            }
            var (ls, list) = await SendAsync(host, HttpMethod.Get, "/api/v3/openOrders", $"symbol=BTCUSDT&timestamp={Now()}", ct);
            using (list) Assert.Contains(list.RootElement.EnumerateArray(), x => x.Long("orderId") == id);

            var (cs, cancel) = await SendAsync(host, HttpMethod.Delete, "/api/v3/order", $"symbol=BTCUSDT&origClientOrderId=myOrder1&timestamp={Now()}", ct);
            using (cancel)
            {
                Assert.Equal(HttpStatusCode.OK, cs);
                Assert.Equal("CANCELED", cancel.RootElement.Str("status"));
                Assert.Equal("myOrder1", cancel.RootElement.Str("origClientOrderId"));
            }
            var (again, err) = await SendAsync(host, HttpMethod.Delete, "/api/v3/order", $"symbol=BTCUSDT&orderId={id}&timestamp={Now()}", ct);
            using (err) Assert.Equal(-2011, err.RootElement.Long("code"));
            var (ms, missing) = await SendAsync(host, HttpMethod.Get, "/api/v3/order", $"symbol=BTCUSDT&orderId=42&timestamp={Now()}", ct);
            using (missing) Assert.Equal(-2013, missing.RootElement.Long("code"));
        }
    }

    [Fact]
    public async Task BadSignature_Is1022()
    {
        await using var host = await StartAsync();
        var ct = SimTest.Timeout();
        var query = $"symbol=BTCUSDT&side=BUY&type=MARKET&quantity=0.001&timestamp={Now()}";
        var (status, body) = await SendAsync(host, HttpMethod.Post, "/api/v3/order", query, ct, signature: Sign(query, "wrong-secret"));
        using (body)
        {
            Assert.Equal(HttpStatusCode.BadRequest, status);
            Assert.Equal(-1022, body.RootElement.Long("code"));
            Assert.Equal("Signature for this request is not valid.", body.RootElement.Str("msg"));
        }
        Assert.Equal(0, host.Orders.Count);
    }

    [Fact]
    public async Task StaleOrFutureTimestamp_Is1021()
    {
        await using var host = await StartAsync();
        var ct = SimTest.Timeout();
        var (status, body) = await SendAsync(host, HttpMethod.Post, "/api/v3/order",
            $"symbol=BTCUSDT&side=BUY&type=MARKET&quantity=0.001&recvWindow=5000&timestamp={Now() - 10_000}", ct);
        using (body)
        {
            Assert.Equal(HttpStatusCode.BadRequest, status);
            Assert.Equal(-1021, body.RootElement.Long("code"));
        }
        (status, body) = await SendAsync(host, HttpMethod.Post, "/api/v3/order", $"symbol=BTCUSDT&side=BUY&type=MARKET&quantity=0.001&timestamp={Now() + 5_000}", ct);
        using (body) Assert.Equal(-1021, body.RootElement.Long("code"));
    }

    [Fact]
    public async Task ApiKey_IsRequired_AndChecked()
    {
        await using var host = await StartAsync();
        var ct = SimTest.Timeout();
        var query = $"symbol=BTCUSDT&side=BUY&type=MARKET&quantity=0.001&timestamp={Now()}";
        var (status, body) = await SendAsync(host, HttpMethod.Post, "/api/v3/order", query, ct, key: "");
        using (body)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, status);
            Assert.Equal(-2014, body.RootElement.Long("code"));
        }
        (status, body) = await SendAsync(host, HttpMethod.Post, "/api/v3/order", query, ct, key: "other");
        using (body) Assert.Equal(-2015, body.RootElement.Long("code"));
    }

    [Fact]
    public async Task MarketOrder_WalksTheBook_Fills_AndPrintsPublicTrades()
    {
        await using var host = await StartAsync();
        var ct = SimTest.Timeout();
        await using var trades = await WsClient.ConnectAsync(host.Endpoints.BinanceRawStream("btcusdt@trade"), ct);
        await host.PauseAsync(); // only our order trades from now on
        var before = host.Market.Snapshot(Venue.Binance, "BTCUSDT");
        // More than the best level holds, so the order sweeps into the next levels.
        var quantity = before.Asks[0].Quantity + before.Asks[1].Quantity + 1;
        var qtyText = WireNumber.ToText(quantity, 5, NumberStyle.Trimmed);
        var (status, body) = await SendAsync(host, HttpMethod.Post, "/api/v3/order", $"symbol=BTCUSDT&side=BUY&type=MARKET&quantity={qtyText}&timestamp={Now()}", ct);
        using (body)
        {
            Assert.Equal(HttpStatusCode.OK, status);
            var o = body.RootElement;
            Assert.Equal("FILLED", o.Str("status"));
            Assert.Equal("MARKET", o.Str("type"));
            Assert.Equal(o.Str("origQty"), o.Str("executedQty"));
            var fills = o.GetProperty("fills").EnumerateArray().ToList();
            Assert.Equal(3, fills.Count);
            Assert.Equal(WireNumber.ToText(before.Asks[0].Price, 2, NumberStyle.Padded8), fills[0].Str("price"));
            Assert.Equal(WireNumber.ToText(before.Asks[1].Price, 2, NumberStyle.Padded8), fills[1].Str("price"));
            Assert.Equal("BTC", fills[0].Str("commissionAsset"));

            // The taker order consumed the public book and printed public trades with the same ids.
            var after = host.Market.Snapshot(Venue.Binance, "BTCUSDT");
            Assert.True(after.Asks[0].Price > before.Asks[1].Price);
            foreach (var f in fills)
            {
                using var t = await trades.ReceiveUntilAsync(e => e.Long("t") == f.Long("tradeId"), ct, 10_000);
                Assert.False(t.RootElement.GetProperty("m").GetBoolean()); // buyer was the taker
                Assert.Equal(f.Str("price"), t.RootElement.Str("p"));
            }
        }
    }

    [Fact]
    public async Task MarketOrder_ByQuoteQuantity_AndSignatureInTheBody()
    {
        await using var host = await StartAsync();
        var ct = SimTest.Timeout();
        var form = $"symbol=ETHUSDT&side=SELL&type=MARKET&quoteOrderQty=100&newOrderRespType=RESULT&timestamp={Now()}";
        using var client = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(host.Endpoints.BinanceRestBase, "/api/v3/order"))
        {
            Content = new StringContent(form + "&signature=" + Sign(form), Encoding.ASCII, "application/x-www-form-urlencoded"),
        };
        request.Headers.Add("X-MBX-APIKEY", Key);
        using var response = await client.SendAsync(request, ct);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("FILLED", body.RootElement.Str("status"));
        Assert.False(body.RootElement.Has("fills")); // RESULT has no fills
        var quote = decimal.Parse(body.RootElement.Str("cummulativeQuoteQty"), CultureInfo.InvariantCulture);
        Assert.InRange(quote, 99m, 100m);
    }

    [Fact]
    public async Task CrossingLimitIoc_FillsAsTaker_LimitMakerIsRejected_FiltersApply()
    {
        await using var host = await StartAsync();
        var ct = SimTest.Timeout();
        await host.PauseAsync();
        var book = host.Market.Snapshot(Venue.Binance, "ETHUSDT");
        var ask = Price(book.Asks[0].Price);
        var (status, body) = await SendAsync(host, HttpMethod.Post, "/api/v3/order",
            $"symbol=ETHUSDT&side=BUY&type=LIMIT&timeInForce=IOC&quantity=0.0001&price={ask}&newOrderRespType=ACK&timestamp={Now()}", ct);
        using (body)
        {
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.False(body.RootElement.Has("status")); // ACK shape
            var (_, q) = await SendAsync(host, HttpMethod.Get, "/api/v3/order", $"symbol=ETHUSDT&orderId={body.RootElement.Long("orderId")}&timestamp={Now()}", ct);
            using (q) Assert.Equal("FILLED", q.RootElement.Str("status"));
        }
        var newAsk = Price(host.Market.Snapshot(Venue.Binance, "ETHUSDT").Asks[0].Price);
        (status, body) = await SendAsync(host, HttpMethod.Post, "/api/v3/order",
            $"symbol=ETHUSDT&side=BUY&type=LIMIT_MAKER&quantity=0.0001&price={newAsk}&timestamp={Now()}", ct);
        using (body) Assert.Equal(-2010, body.RootElement.Long("code"));
        (status, body) = await SendAsync(host, HttpMethod.Post, "/api/v3/order",
            $"symbol=ETHUSDT&side=BUY&type=LIMIT&timeInForce=GTC&quantity=0.0001&price=100.001&timestamp={Now()}", ct);
        using (body) Assert.Equal(-1111, body.RootElement.Long("code"));
        (status, body) = await SendAsync(host, HttpMethod.Post, "/api/v3/order",
            $"symbol=ETHUSDT&side=BUY&type=LIMIT&timeInForce=GTC&quantity=0&price=100&timestamp={Now()}", ct);
        using (body) Assert.Equal(-1013, body.RootElement.Long("code"));
        (status, body) = await SendAsync(host, HttpMethod.Post, "/api/v3/order",
            $"symbol=ETHUSDT&side=BUY&type=LIMIT&quantity=1&price=100&timestamp={Now()}", ct);
        using (body) Assert.Equal(-1102, body.RootElement.Long("code")); // timeInForce missing
        (status, body) = await SendAsync(host, HttpMethod.Post, "/api/v3/order",
            $"symbol=NOPE&side=BUY&type=MARKET&quantity=1&timestamp={Now()}", ct);
        using (body) Assert.Equal(-1121, body.RootElement.Long("code"));
        (status, body) = await SendAsync(host, HttpMethod.Post, "/api/v3/order/test",
            $"symbol=ETHUSDT&side=SELL&type=LIMIT&timeInForce=GTC&quantity=1&price=100&timestamp={Now()}", ct);
        using (body)
        {
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Equal(JsonValueKind.Object, body.RootElement.ValueKind);
        }
    }

    [Fact]
    public async Task RestingLimit_FillsWhenTheRandomWalkCrossesIt()
    {
        await using var host = await StartAsync();
        var ct = SimTest.Timeout(20);
        var book = host.Market.Snapshot(Venue.Binance, "BTCUSDT");
        // Just below the ask: the first dip of the ask to this price fills it.
        var price = Price(book.Asks[0].Price - 1);
        var (status, body) = await SendAsync(host, HttpMethod.Post, "/api/v3/order",
            $"symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC&quantity=0.001&price={price}&timestamp={Now()}", ct);
        long id;
        using (body)
        {
            Assert.Equal(HttpStatusCode.OK, status);
            id = body.RootElement.Long("orderId");
        }
        var filled = false;
        while (!filled)
        {
            await Task.Delay(50, ct);
            var (_, q) = await SendAsync(host, HttpMethod.Get, "/api/v3/order", $"symbol=BTCUSDT&orderId={id}&timestamp={Now()}", ct);
            using (q) filled = q.RootElement.Str("status") == "FILLED" && q.RootElement.Str("executedQty") == "0.00100000";
        }
        Assert.True(filled);
    }
}

using System.Text;
using TBot.Adapters.Execution;
using TBot.Adapters.Execution.Binance;
using TBot.Engine.Events;
using TBot.Engine.Instruments;
using TBot.Engine.Orders;
using TBot.Engine.Ring;

namespace TBot.Adapters.Tests.Execution;

/// <summary>The gateway's pieces without a network: parsing, parameters, fill arithmetic, the queue, credentials.</summary>
public class BinanceExecutionPartsTests
{
    private static readonly Instrument Btc = new(1, Venue.Binance, "BTCUSDT", 2, 5, 1, 1);

    [Fact]
    public void A_FULL_new_order_answer_is_read_by_key()
    {
        var json = """
            {"symbol":"BTCUSDT","orderId":28,"orderListId":-1,"clientOrderId":"tbt1-1-5","transactTime":1507725176595,
             "price":"65000.00000000","origQty":"0.01000000","executedQty":"0.00700000","origQuoteOrderQty":"0.00000000",
             "cummulativeQuoteQty":"454.99300000","status":"PARTIALLY_FILLED","timeInForce":"GTC","type":"LIMIT","side":"BUY",
             "workingTime":1507725176595,"selfTradePreventionMode":"NONE",
             "fills":[{"price":"64999.00000000","qty":"0.00700000","commission":"0.45499300","commissionAsset":"USDT","tradeId":56}],
             "unknownKey":{"nested":[1,2]}}
            """u8;

        Assert.True(BinanceResponseParser.TryParseOrder(json, out var s));

        Assert.Equal("BTCUSDT", s.Symbol);
        Assert.Equal(28, s.OrderId);
        Assert.Equal("tbt1-1-5", s.OrderClientId);
        Assert.Equal(BinanceOrderStatus.PartiallyFilled, s.Status);
        Assert.Equal(Side.Buy, s.Side);
        Assert.Equal(OrderType.Limit, s.Type);
        Assert.Equal(6_500_000, s.Price.ToScaleRounded(2));
        Assert.Equal(700, s.ExecutedQty.ToScaleRounded(5));
        Assert.Equal(45_499_300_000, FillMath.ToMoney(s.CumulativeQuoteQty));
        Assert.Equal(1_507_725_176_595_000_000, s.TimeNs);
        var f = Assert.Single(s.Fills);
        Assert.Equal(56, f.TradeId);
        Assert.Equal("USDT", f.CommissionAsset);
        Assert.Equal(45_499_300, FillMath.ToMoney(f.Commission));
    }

    [Fact]
    public void Error_bodies_cancel_answers_and_lists_parse()
    {
        Assert.True(BinanceResponseParser.TryParseError("""{"code":-2013,"msg":"Order does not exist."}"""u8, out var code, out var msg));
        Assert.Equal(-2013, code);
        Assert.Equal("Order does not exist.", msg);
        Assert.False(BinanceResponseParser.TryParseError("""{"msg":"no code"}"""u8, out _, out _));
        Assert.False(BinanceResponseParser.TryParseOrder("""{"orderId":"#"""u8, out _));

        Assert.True(BinanceResponseParser.TryParseOrder(
            """{"symbol":"BTCUSDT","origClientOrderId":"tbt1-1-9","orderId":4,"clientOrderId":"cancel4","status":"CANCELED","type":"LIMIT_MAKER","side":"SELL","executedQty":"0.00000000"}"""u8,
            out var cancel));
        Assert.Equal("tbt1-1-9", cancel.OrderClientId);
        Assert.Equal(BinanceOrderStatus.Canceled, cancel.Status);
        Assert.True(cancel.IsMakerOnly);
        Assert.Equal(OrderType.Limit, cancel.Type);

        var list = new List<BinanceOrderState>();
        Assert.True(BinanceResponseParser.TryParseOrders("""[{"orderId":1,"clientOrderId":"a","status":"NEW"},{"orderId":2,"clientOrderId":"b","status":"EXPIRED_IN_MATCH"}]"""u8, list));
        Assert.Equal([BinanceOrderStatus.New, BinanceOrderStatus.ExpiredInMatch], list.Select(x => x.Status));
        list.Clear();
        Assert.True(BinanceResponseParser.TryParseOrders("[]"u8, list));
        Assert.Empty(list);

        var balances = new List<AssetBalance>();
        Assert.True(BinanceResponseParser.TryParseBalances("""{"canTrade":true,"balances":[{"asset":"BTC","free":"1.50000000","locked":"0.25000000"}],"permissions":["SPOT"]}"""u8, balances));
        Assert.Equal(new AssetBalance("BTC", 150_000_000, 25_000_000), Assert.Single(balances));
    }

    [Fact]
    public void Order_parameters_are_written_from_mantissas_at_the_instrument_scales()
    {
        var order = new Order { ClientOrderId = ClientOrderIds.Make(3, 17), Side = Side.Buy, Type = OrderType.Limit, TimeInForce = TimeInForce.Gtc, Price = 6_500_012, Quantity = 1_230 };
        Assert.Equal("symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC&price=65000.12&quantity=0.0123&newClientOrderId=tbx-3-17&newOrderRespType=FULL",
            BinanceOrderParameters.NewOrder(in order, Btc, ClientOrderIds.Format("x", order.ClientOrderId)));

        order.TimeInForce = TimeInForce.Ioc;
        order.Side = Side.Sell;
        Assert.Contains("side=SELL&type=LIMIT&timeInForce=IOC&price=65000.12", BinanceOrderParameters.NewOrder(in order, Btc, "c"));

        order.TimeInForce = TimeInForce.PostOnly;
        var postOnly = BinanceOrderParameters.NewOrder(in order, Btc, "c")!;
        Assert.Contains("&type=LIMIT_MAKER&price=65000.12", postOnly);
        Assert.DoesNotContain("timeInForce", postOnly);

        order.Type = OrderType.Market;
        Assert.Equal("symbol=BTCUSDT&side=SELL&type=MARKET&quantity=0.0123&newClientOrderId=c&newOrderRespType=FULL", BinanceOrderParameters.NewOrder(in order, Btc, "c"));

        order.Type = OrderType.None;
        Assert.Null(BinanceOrderParameters.NewOrder(in order, Btc, "c"));
        order.Type = OrderType.Limit;
        order.Price = 0;
        Assert.Null(BinanceOrderParameters.NewOrder(in order, Btc, "c"));
    }

    [Fact]
    public void Average_price_of_a_quote_and_quantity_rounds_half_up_at_the_price_scale()
    {
        // 454.993 USDT for 0.007 BTC = 64999.00
        Assert.Equal(6_499_900, FillMath.AveragePrice(45_499_300_000, 700, 2, 5));
        // 10 USDT for 0.00003 BTC = 333333.333… → 333333.33
        Assert.Equal(33_333_333, FillMath.AveragePrice(1_000_000_000, 3, 2, 5));
        // 20 USDT for 0.00003 BTC = 666666.666… → 666666.67
        Assert.Equal(66_666_667, FillMath.AveragePrice(2_000_000_000, 3, 2, 5));
        // Scales adding up to less than 8 (tick 0.1, step 1): 1234.5 quote for 10 = 123.45 → 123.5 at scale 1
        Assert.Equal(1_235, FillMath.AveragePrice(123_450_000_000, 10, 1, 0));
        // Large scales take the wide path.
        Assert.Equal(2_000_000_000_000, FillMath.AveragePrice(200_000_000, 1_000_000_000_000, 12, 12));
        Assert.Equal(0, FillMath.AveragePrice(0, 5, 2, 5));
    }

    [Fact]
    public void Fills_known_only_from_snapshots_get_trade_ids_above_every_venue_trade_id()
    {
        var publisher = new ListPublisher();
        var reporter = new OrderStateReporter(publisher, new BinanceQuoteAssets(null), TimeProvider.System, null);
        var o = new TrackedOrder(ClientOrderIds.Make(1, 1), "tbt1-1-1", Btc, Side.Buy, OrderType.Limit, 6_500_000, 1_000);
        // The answer: partly filled by two venue trades, commission in BNB (not a quote fee).
        Assert.True(BinanceResponseParser.TryParseOrder("""
            {"orderId":9,"clientOrderId":"tbt1-1-1","status":"PARTIALLY_FILLED","executedQty":"0.00300000","cummulativeQuoteQty":"195.00000000","transactTime":5,
             "fills":[{"price":"65000.00","qty":"0.00100000","commission":"0.00001","commissionAsset":"BNB","tradeId":700},
                      {"price":"65000.00","qty":"0.00200000","commission":"0","commissionAsset":"USDT","tradeId":701}]}
            """u8, out var answer));
        reporter.OnNewOrderAnswer(o, answer);
        // Later a query shows 0.007 executed for 455.00 quote in total: one fill of 0.004 at 65000.00.
        Assert.True(BinanceResponseParser.TryParseOrder("""
            {"orderId":9,"clientOrderId":"tbt1-1-1","status":"PARTIALLY_FILLED","executedQty":"0.00700000","cummulativeQuoteQty":"455.00000000","updateTime":6}
            """u8, out var later));
        reporter.OnSnapshot(o, later);
        Assert.True(BinanceResponseParser.TryParseOrder("""
            {"orderId":9,"clientOrderId":"tbt1-1-1","status":"CANCELED","executedQty":"0.00800000","cummulativeQuoteQty":"519.99000000","updateTime":7}
            """u8, out var end));
        reporter.OnSnapshot(o, end);

        var r = publisher.Reports;
        Assert.Equal([ExecutionReportKind.Accepted, ExecutionReportKind.Fill, ExecutionReportKind.Fill, ExecutionReportKind.Fill, ExecutionReportKind.Fill, ExecutionReportKind.Cancelled],
            r.Select(x => x.Kind));
        Assert.Equal([700L, 701L, 701L + 700, 701L + 800], r.Where(x => x.Kind == ExecutionReportKind.Fill).Select(x => x.TradeId));
        Assert.Equal([100L, 200, 400, 100], r.Where(x => x.Kind == ExecutionReportKind.Fill).Select(x => x.Quantity));
        Assert.Equal(6_500_000, r[3].Price);
        Assert.Equal(6_499_000, r[4].Price); // 64.99 quote for 0.001
        Assert.Equal([false, false, true, true], r.Where(x => x.Kind == ExecutionReportKind.Fill).Select(x => x.IsMaker));
        Assert.Equal(800, r[5].CumulativeQuantity);
        Assert.All(r, x => Assert.Equal(9, x.VenueOrderId));
        Assert.Equal(TrackedOrderState.Done, o.State);
    }

    [Fact]
    public void The_command_queue_is_fifo_bounded_and_reusable()
    {
        var q = new CommandQueue(4);
        var order = new Order { ClientOrderId = 1 };
        for (var i = 0; i < 4; i++)
        {
            order.ClientOrderId = i;
            Assert.True(q.TryEnqueue(GatewayCommandKind.Submit, in order, i * 10));
        }
        Assert.False(q.TryEnqueue(GatewayCommandKind.Cancel, in order, 99));
        for (var round = 0; round < 3; round++)
        {
            Assert.True(q.TryPeek(out var c));
            Assert.Equal(round * 10, c.Sequence);
            Assert.Equal(round, c.Order.ClientOrderId);
            q.Advance();
            order.ClientOrderId = 100 + round;
            Assert.True(q.TryEnqueue(GatewayCommandKind.Cancel, in order, 1000 + round));
        }
        Assert.Equal(4, q.Count);
        Assert.Throws<ArgumentOutOfRangeException>(() => new CommandQueue(3));
    }

    [Fact]
    public void Submitting_allocates_nothing_on_the_trading_thread()
    {
        using var client = new BinanceSignedClient(new BinanceSignedClientOptions { RestBase = new Uri("http://127.0.0.1:9") }, new BinanceCredentials("k", "s"));
        var registry = new InstrumentRegistry();
        var gateway = new BinanceLiveGateway(client, registry, new ListPublisher(), new BinanceGatewayOptions { QueueCapacity = 1024 });
        var sink = new ListSink();
        var order = new Order { ClientOrderId = 5, Side = Side.Buy, Type = OrderType.Limit, Price = 1, Quantity = 1 };
        gateway.Submit(in order, 0, sink); // warm up
        gateway.Cancel(in order, 0, sink);
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 500; i++)
        {
            gateway.Submit(in order, i, sink);
            gateway.Cancel(in order, i, sink);
        }
        Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());
    }

    [Fact]
    public void The_ring_publisher_requires_a_multi_producer_ring_and_stamps_venue_and_flags()
    {
        var single = RingBuffer<MarketEvent>.CreateSingleProducer(16, new BlockingWaitStrategy());
        Assert.Throws<ArgumentException>(() => new RingReportPublisher(single));

        var ring = RingBuffer<MarketEvent>.CreateMultiProducer(16, new BlockingWaitStrategy());
        var publisher = new RingReportPublisher(ring).WithFlags(EventFlags.Reconciled);
        var r = new ExecutionReport { Kind = ExecutionReportKind.Fill, ClientOrderId = 7, TradeId = 3, Price = 10, Quantity = 2, IsMaker = true };
        publisher.Publish(in r);

        ref var e = ref ring[0];
        Assert.Equal(MarketEventKind.Fill, e.Kind);
        Assert.Equal(Venue.Binance, e.Venue);
        Assert.True(e.Has(EventFlags.Reconciled));
        Assert.True(e.Has(EventFlags.Maker));
        Assert.True(e.ReceiveTimeNs > 0);
        Assert.True(ExecutionReportCodec.TryRead(in e, out var back));
        Assert.Equal(7, back.ClientOrderId);
        Assert.Equal(1, publisher.Published);
    }

    [Fact]
    public void Credentials_load_from_a_file_or_the_environment_and_never_print()
    {
        var path = Path.Combine(Path.GetTempPath(), $"tbot-creds-{Guid.NewGuid():N}.json");
        try
        {
            File.WriteAllText(path, """{"api_key":"file-key-123","api_secret":"file-secret-456"}""");
            var fromFile = BinanceCredentials.FromFile(path);
            Assert.Equal("file-key-123", fromFile.ApiKey);
            Assert.DoesNotContain("file-key-123", fromFile.ToString(), StringComparison.Ordinal);
            Assert.DoesNotContain("file-secret-456", fromFile.ToString(), StringComparison.Ordinal);
            // The signer uses the secret.
            Assert.Equal(new Adapters.Binance.BinanceSigner("file-secret-456").Sign("a=1"), fromFile.CreateSigner().Sign("a=1"));

            File.WriteAllText(path, """{"api_key":"file-key-123","api_secret":"""); // truncated: must not echo the content
            var bad = Assert.Throws<InvalidDataException>(() => BinanceCredentials.FromFile(path));
            Assert.DoesNotContain("file-key-123", bad.ToString(), StringComparison.Ordinal);
            File.WriteAllText(path, """{"api_key":"only-a-key"}""");
            Assert.Throws<InvalidDataException>(() => BinanceCredentials.FromFile(path));
        }
        finally
        {
            File.Delete(path);
        }

        var oldKey = Environment.GetEnvironmentVariable(BinanceCredentials.ApiKeyVariable);
        var oldSecret = Environment.GetEnvironmentVariable(BinanceCredentials.ApiSecretVariable);
        try
        {
            Environment.SetEnvironmentVariable(BinanceCredentials.ApiKeyVariable, "env-key");
            Environment.SetEnvironmentVariable(BinanceCredentials.ApiSecretVariable, "env-secret");
            Assert.Equal("env-key", BinanceCredentials.Load().ApiKey);
            Environment.SetEnvironmentVariable(BinanceCredentials.ApiSecretVariable, null);
            Assert.Null(BinanceCredentials.FromEnvironment());
            var missing = Assert.Throws<InvalidOperationException>(() => BinanceCredentials.Load());
            Assert.Contains(BinanceCredentials.ApiSecretVariable, missing.Message, StringComparison.Ordinal);
        }
        finally
        {
            Environment.SetEnvironmentVariable(BinanceCredentials.ApiKeyVariable, oldKey);
            Environment.SetEnvironmentVariable(BinanceCredentials.ApiSecretVariable, oldSecret);
        }
    }

    [Fact]
    public void The_redacting_logger_scrubs_keys_secrets_and_signatures()
    {
        var inner = new CapturingLogger();
        var credentials = new BinanceCredentials("the-key-value", "the-secret-value");
        var logger = new RedactingLogger(inner, credentials);
        Microsoft.Extensions.Logging.LoggerExtensions.LogWarning(logger, "GET {Path} with {Key}", "/api/v3/order?symbol=X&timestamp=1&signature=" + new string('a', 64), "the-key-value");
        Microsoft.Extensions.Logging.LoggerExtensions.LogError(logger, new InvalidOperationException("boom the-secret-value"), "failed");
        var text = string.Join('\n', inner.Lines);
        Assert.Contains("signature=[redacted]", text, StringComparison.Ordinal);
        Assert.DoesNotContain(new string('a', 64), text, StringComparison.Ordinal);
        Assert.DoesNotContain("the-key-value", text, StringComparison.Ordinal);
        Assert.DoesNotContain("the-secret-value", text, StringComparison.Ordinal);
        Assert.Contains("boom [api-secret]", text, StringComparison.Ordinal);
    }

    private sealed class ListPublisher : IReportPublisher
    {
        public List<ExecutionReport> Reports { get; } = [];

        public void Publish(in ExecutionReport r) => Reports.Add(r);
    }
}

using TBot.Engine.Events;
using TBot.Engine.Instruments;
using TBot.Engine.Journal;
using TBot.Engine.Orders;
using TBot.Engine.Portfolio;

namespace TBot.Engine.Tests.Orders;

public sealed class OrderManagerTests
{
    private readonly InstrumentRegistry _registry = new();
    private readonly int _btc;
    private readonly OrderManager _orders;
    private readonly RecordingGateway _gateway = new();
    private readonly List<DecisionRecord> _decisions = [];

    public OrderManagerTests()
    {
        _btc = _registry.Add(Venue.Binance, "BTCUSDT", 2, 5).Id;
        _orders = new OrderManager(_registry, new PortfolioBook(_registry, 4), new ListLog(_decisions), capacity: 64) { Gateway = _gateway };
    }

    private sealed class ListLog(List<DecisionRecord> list) : IDecisionLog
    {
        public void Append(in DecisionRecord record) => list.Add(record);
    }

    private long SubmitLimit(Side side, long price, long qty, int bot = 1)
    {
        var id = _orders.ReserveClientOrderId(bot);
        Assert.True(_orders.Submit(new OrderIntent { Action = IntentAction.Submit, BotId = bot, InstrumentId = _btc, Side = side, Type = OrderType.Limit, Price = price, Quantity = qty, TargetClientOrderId = id }));
        return id;
    }

    private void Report(ExecutionReportKind kind, long id, long price = 0, long qty = 0, long tradeId = 0, long fee = 0) =>
        _orders.OnReport(new ExecutionReport { Kind = kind, ClientOrderId = id, InstrumentId = _btc, Price = price, Quantity = qty, TradeId = tradeId, Fee = fee });

    private Order Get(long id)
    {
        Assert.True(_orders.TryGetOrder(id, out var o));
        return o;
    }

    [Fact]
    public void Client_order_ids_are_derived_from_bot_and_counter()
    {
        var a = _orders.ReserveClientOrderId(1);
        var b = _orders.ReserveClientOrderId(1);
        var c = _orders.ReserveClientOrderId(2);
        Assert.Equal(ClientOrderIds.Make(1, 1), a);
        Assert.Equal(ClientOrderIds.Make(1, 2), b);
        Assert.Equal(ClientOrderIds.Make(2, 1), c);
        Assert.Equal(2, ClientOrderIds.Bot(c));
        Assert.True(ClientOrderIds.TryParse("abc123", ClientOrderIds.Format("abc123", b), out var parsed));
        Assert.Equal(b, parsed);
        Assert.False(ClientOrderIds.TryParse("other1", ClientOrderIds.Format("abc123", b), out _));
        Assert.True(ClientOrderIds.Format("abcdefgh", ClientOrderIds.Make(63, (1L << 40) - 1)).Length <= 36);
    }

    [Fact]
    public void Full_life_cycle_moves_position_and_counts()
    {
        var id = SubmitLimit(Side.Buy, 10_000_00, 2_00000);
        Assert.Equal(OrderStatus.Submitted, Get(id).Status);
        Assert.Single(_gateway.Submitted);
        Assert.Equal(1, _orders.OpenOrderCount(1, _btc));
        Assert.Equal(2_00000, _orders.OpenQuantity(1, _btc, Side.Buy));

        Report(ExecutionReportKind.Accepted, id);
        Assert.Equal(OrderStatus.Accepted, Get(id).Status);
        Report(ExecutionReportKind.Fill, id, 10_000_00, 50000, tradeId: 7, fee: 123);
        Assert.Equal(OrderStatus.PartiallyFilled, Get(id).Status);
        Assert.Equal(1_50000, _orders.OpenQuantity(1, _btc, Side.Buy));
        Assert.Equal(50000, _orders.Position(1, _btc));
        Report(ExecutionReportKind.Fill, id, 9_999_00, 1_50000, tradeId: 8, fee: 1);
        var o = Get(id);
        Assert.Equal(OrderStatus.Filled, o.Status);
        Assert.Equal(2_00000, o.FilledQuantity);
        Assert.Equal(124, o.Fees);
        Assert.Equal(0, _orders.OpenOrderCount(1, _btc));
        Assert.Equal(0, _orders.OpenQuantity(1, _btc, Side.Buy));
        Assert.Equal(0, _orders.OpenOrders);
        Assert.Equal(2_00000, _orders.Position(1, _btc));
        Assert.Equal(2, _orders.Counters.Fills);
        Assert.Contains(_decisions, d => d.Kind == DecisionKind.Fill && d.TradeId == 8 && d.Value2 == 2_00000);
    }

    [Fact]
    public void Duplicate_and_late_reports_never_double_count()
    {
        var id = SubmitLimit(Side.Sell, 10_000_00, 1_00000);
        Report(ExecutionReportKind.Fill, id, 10_000_00, 40000, tradeId: 5);
        Report(ExecutionReportKind.Fill, id, 10_000_00, 40000, tradeId: 5); // duplicate
        Report(ExecutionReportKind.Fill, id, 10_000_00, 40000, tradeId: 4); // older
        Report(ExecutionReportKind.Accepted, id);                             // late ack after a fill
        Assert.Equal(40000, Get(id).FilledQuantity);
        Assert.Equal(-40000, _orders.Position(1, _btc));
        Assert.Equal(2, _orders.Counters.Ignored(ReportIgnoredReason.DuplicateFill));
        Assert.Equal(1, _orders.Counters.Ignored(ReportIgnoredReason.LateAck));

        Report(ExecutionReportKind.Fill, id, 10_000_00, 70000, tradeId: 9); // would overfill
        Assert.Equal(1, _orders.Counters.Ignored(ReportIgnoredReason.Overfill));
        Report(ExecutionReportKind.Fill, id, 10_000_00, 60000, tradeId: 9);
        Assert.Equal(OrderStatus.Filled, Get(id).Status);
        Report(ExecutionReportKind.Cancelled, id);                            // Filled → Cancelled is illegal
        Assert.Equal(OrderStatus.Filled, Get(id).Status);
        Assert.Equal(1, _orders.Counters.Ignored(ReportIgnoredReason.IllegalTransition));
        Report(ExecutionReportKind.Fill, ClientOrderIds.Make(1, 999), 1, 1, 1);
        Assert.Equal(1, _orders.Counters.Ignored(ReportIgnoredReason.UnknownOrder));
        Assert.Equal(-1_00000, _orders.Position(1, _btc));
    }

    [Fact]
    public void Cancel_goes_to_gateway_and_cancelled_report_closes()
    {
        var id = SubmitLimit(Side.Buy, 9_000_00, 1_00000);
        Report(ExecutionReportKind.Accepted, id);
        Assert.True(_orders.Cancel(id));
        Assert.Equal([id], _gateway.Cancelled);
        Report(ExecutionReportKind.Cancelled, id);
        Assert.Equal(OrderStatus.Cancelled, Get(id).Status);
        Assert.False(_orders.Cancel(id));
        Assert.Equal(0, _orders.OpenOrderCount(1, 0));
    }

    [Fact]
    public void Cancel_all_only_touches_the_bot()
    {
        SubmitLimit(Side.Buy, 9_000_00, 1, bot: 1);
        SubmitLimit(Side.Buy, 9_000_00, 1, bot: 1);
        SubmitLimit(Side.Buy, 9_000_00, 1, bot: 2);
        Assert.Equal(2, _orders.CancelAll(1, 0));
        Assert.Equal(2, _gateway.Cancelled.Count);
        Assert.All(_gateway.Cancelled, c => Assert.Equal(1, ClientOrderIds.Bot(c)));
    }

    [Fact]
    public void Reconciliation_adopts_unknown_orders_and_moves_the_counter()
    {
        var id = ClientOrderIds.Make(2, 41);
        _orders.AdoptingUnknownOrders = true;
        _orders.OnReport(new ExecutionReport { Kind = ExecutionReportKind.Accepted, ClientOrderId = id, InstrumentId = _btc, Side = Side.Sell, OrderType = OrderType.Limit, Price = 11_000_00, Quantity = 3, CumulativeQuantity = 1, VenueOrderId = 77 });
        _orders.AdoptingUnknownOrders = false;
        var o = Get(id);
        Assert.Equal(OrderStatus.Accepted, o.Status);
        Assert.Equal(2, o.Remaining);
        Assert.Equal(77, o.VenueOrderId);
        Assert.Equal(ClientOrderIds.Make(2, 42), _orders.ReserveClientOrderId(2));
        Assert.Equal(2, _orders.OpenQuantity(2, _btc, Side.Sell));
    }

    [Fact]
    public void Finished_orders_are_evicted_when_the_table_is_full()
    {
        for (var i = 0; i < 200; i++)
        {
            var id = SubmitLimit(Side.Buy, 9_000_00, 1);
            Report(ExecutionReportKind.Fill, id, 9_000_00, 1, tradeId: 1);
            Assert.Equal(OrderStatus.Filled, Get(id).Status);
        }
        Assert.True(_orders.Table.Evictions > 0);
        Assert.Equal(200, _orders.Position(1, _btc));
    }

    [Fact]
    public void Submit_fill_cycle_allocates_nothing()
    {
        var orders = new OrderManager(_registry, new PortfolioBook(_registry, 4), NullDecisionLog.Instance, capacity: 1024) { Gateway = NullGateway.Instance };
        void Run(int n)
        {
            for (var i = 0; i < n; i++)
            {
                var id = orders.ReserveClientOrderId(1);
                orders.Submit(new OrderIntent { Action = IntentAction.Submit, BotId = 1, InstrumentId = _btc, Side = (i & 1) == 0 ? Side.Buy : Side.Sell, Type = OrderType.Limit, Price = 10_000_00 + (i % 7), Quantity = 3, TargetClientOrderId = id });
                orders.OnReport(new ExecutionReport { Kind = ExecutionReportKind.Accepted, ClientOrderId = id, InstrumentId = _btc });
                orders.OnReport(new ExecutionReport { Kind = ExecutionReportKind.Fill, ClientOrderId = id, InstrumentId = _btc, Price = 10_000_00, Quantity = 3, TradeId = 1, Fee = 1 });
            }
        }
        Run(10_000);
        var before = GC.GetAllocatedBytesForCurrentThread();
        Run(1_000_000);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, allocated);
        Assert.Equal(1_010_000, orders.Counters.Fills);
    }
}

using TBot.Engine.Events;
using TBot.Engine.Execution.Paper;
using TBot.Engine.Instruments;
using TBot.Engine.Market;
using TBot.Engine.Orders;

namespace TBot.Engine.Tests.Execution;

/// <summary>
/// A paper gateway wired to its own market state, fed crafted events the way the trading core does (market
/// state first, then the gateway). BTCUSDT: prices at 2 decimals (tick 1), quantities at 3 decimals (step 1).
/// </summary>
internal sealed class PaperVenue
{
    public const long T0 = 1_700_000_000_000_000_000;

    public PaperVenue(PaperGatewayOptions options, IExecutionReportSink? sink = null)
    {
        Instruments = new InstrumentRegistry();
        Btc = Instruments.Add(Venue.Binance, "BTCUSDT", priceScale: 2, quantityScale: 3, tickSize: 1, stepSize: 1).Id;
        Market = new MarketState(Instruments);
        Gateway = new PaperGateway(Instruments, Market, options);
        Sink = sink ?? new RecordingReportSink();
    }

    public InstrumentRegistry Instruments { get; }

    public int Btc { get; }

    public MarketState Market { get; }

    public PaperGateway Gateway { get; }

    public IExecutionReportSink Sink { get; }

    public RecordingReportSink Recorded => (RecordingReportSink)Sink;

    public long Now { get; private set; } = T0;

    public void Publish(in MarketEvent e)
    {
        Now = e.ReceiveTimeNs;
        Market.Apply(in e);
        Gateway.OnMarketEvent(in e, e.ReceiveTimeNs, Sink);
    }

    public void Quote(long bid, long bidSize, long ask, long askSize, long? at = null) => Publish(new MarketEvent
    {
        Kind = MarketEventKind.Quote, Venue = Venue.Binance, InstrumentId = Btc, Bid = bid, BidSize = bidSize,
        Ask = ask, AskSize = askSize, ReceiveTimeNs = Time(at),
    });

    public void Trade(long price, long quantity, Side aggressor, long? at = null) => Publish(new MarketEvent
    {
        Kind = MarketEventKind.Trade, Venue = Venue.Binance, InstrumentId = Btc, Price = price, Quantity = quantity,
        Side = aggressor, ReceiveTimeNs = Time(at),
    });

    /// <summary>A full book snapshot: (price, size) pairs for bids then asks, one message.</summary>
    public void Snapshot(ReadOnlySpan<(long Price, long Size)> bids, ReadOnlySpan<(long Price, long Size)> asks, long? at = null)
    {
        var time = Time(at);
        var total = bids.Length + asks.Length;
        for (var i = 0; i < total; i++)
        {
            var isBid = i < bids.Length;
            var level = isBid ? bids[i] : asks[i - bids.Length];
            var flags = (i == 0 ? EventFlags.FirstInMessage : EventFlags.None) | (i == total - 1 ? EventFlags.LastInMessage : EventFlags.None);
            Publish(new MarketEvent
            {
                Kind = MarketEventKind.BookSnapshotLevel, Venue = Venue.Binance, InstrumentId = Btc, Side = isBid ? Side.Buy : Side.Sell,
                Price = level.Price, Quantity = level.Size, Flags = flags, ReceiveTimeNs = time,
            });
        }
    }

    /// <summary>One level change as a whole message.</summary>
    public void Delta(Side bookSide, long price, long size, long? at = null) => Publish(new MarketEvent
    {
        Kind = MarketEventKind.BookDelta, Venue = Venue.Binance, InstrumentId = Btc, Side = bookSide, Price = price,
        Quantity = size, Flags = EventFlags.FirstInMessage | EventFlags.LastInMessage, ReceiveTimeNs = Time(at),
    });

    public void Timer(long at) => Publish(new MarketEvent { Kind = MarketEventKind.Timer, ReceiveTimeNs = T0 + at });

    public void Submit(in Order order) => Gateway.Submit(in order, 0, Sink);

    public void Cancel(long clientOrderId) => Gateway.Cancel(new Order { ClientOrderId = clientOrderId, InstrumentId = Btc }, 0, Sink);

    public Order Limit(long id, Side side, long price, long quantity, TimeInForce tif = TimeInForce.Gtc) => new()
    {
        ClientOrderId = id, InstrumentId = Btc, Venue = Venue.Binance, Side = side, Type = OrderType.Limit,
        TimeInForce = tif, Price = price, Quantity = quantity, Status = OrderStatus.Submitted,
    };

    public Order MarketOrder(long id, Side side, long quantity) => new()
    {
        ClientOrderId = id, InstrumentId = Btc, Venue = Venue.Binance, Side = side, Type = OrderType.Market,
        TimeInForce = TimeInForce.Ioc, Quantity = quantity, Status = OrderStatus.Submitted,
    };

    /// <summary>Fee of a fill, computed independently of the gateway: notional (money units) × bps / 10 000.</summary>
    public long ExpectedFee(long price, long quantity, decimal bps)
    {
        var notional = Money.Notional(price, 2, quantity, 3);
        return (long)decimal.Round(notional * bps / 10_000m, MidpointRounding.AwayFromZero);
    }

    /// <summary>T0 + <paramref name="at"/>; no offset = the time of the previous event.</summary>
    private long Time(long? at) => at is { } offset ? T0 + offset : Now;
}

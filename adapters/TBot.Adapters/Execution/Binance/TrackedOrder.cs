using TBot.Engine.Events;
using TBot.Engine.Instruments;
using TBot.Engine.Orders;

namespace TBot.Adapters.Execution.Binance;

/// <summary>
/// The gateway's (and reconciliation's) view of one order: identity, what has been reported to the engine so
/// far (acknowledgement, executed quantity and quote, highest trade id), and a gate that serialises the work on
/// it (submit, cancel, poll, settling a lost answer), so its reports reach the ring in order and exactly once.
/// Fields are touched only while <see cref="Gate"/> is held, except <see cref="State"/> (read racily by the poller).
/// </summary>
internal sealed class TrackedOrder
{
    private long _derivedTradeIdBase = -1;
    private int _state;

    public TrackedOrder(long clientOrderId, string? clientIdText, Instrument instrument, Side side, OrderType type, long price, long quantity)
    {
        ClientOrderId = clientOrderId;
        ClientIdText = clientIdText;
        Instrument = instrument;
        Side = side;
        Type = type;
        Price = price;
        Quantity = quantity;
    }

    public long ClientOrderId { get; }

    /// <summary>The client id at the venue (null: only <see cref="VenueOrderId"/> identifies it).</summary>
    public string? ClientIdText { get; }

    public Instrument Instrument { get; }
    public Side Side { get; }
    public OrderType Type { get; }
    public long Price { get; }
    public long Quantity { get; }
    public long VenueOrderId { get; set; }

    public TrackedOrderState State
    {
        get => (TrackedOrderState)Volatile.Read(ref _state);
        set => Volatile.Write(ref _state, (int)value);
    }

    /// <summary>Accepted has been reported (or the engine already knew the order as working).</summary>
    public bool Acknowledged { get; set; }

    /// <summary>Executed quantity reported so far (mantissa).</summary>
    public long Executed { get; set; }

    /// <summary>Quote amount of <see cref="Executed"/>, <see cref="Money"/> units.</summary>
    public long QuoteMoney { get; set; }

    /// <summary>False when <see cref="QuoteMoney"/> is not known for an order that already had fills (taken over from an older run).</summary>
    public bool QuoteKnown { get; set; } = true;

    public long LastTradeId { get; set; }

    /// <summary>Server-clock ms of the new-order request (a lost one is settled against it).</summary>
    public long SubmitTimestampMs { get; set; }

    public SemaphoreSlim Gate { get; } = new(1, 1);

    /// <summary>When the poller first saw the order finished (<see cref="TimeProvider.GetTimestamp"/>; 0 = not yet). Poller only.</summary>
    public long DoneSeenAt { get; set; }

    /// <summary>
    /// Trade id for a fill seen only as a rise of executedQty (queries carry no trade ids): the highest trade id
    /// known when such fills began, plus the new cumulative quantity. It rises with every such fill and stays
    /// above every venue trade id already reported for the order, so the engine's duplicate guard holds.
    /// </summary>
    public long DerivedTradeId(long cumulativeQuantity)
    {
        if (_derivedTradeIdBase < 0) _derivedTradeIdBase = LastTradeId;
        return _derivedTradeIdBase + cumulativeQuantity;
    }

    public static TrackedOrder FromLocal(in LocalOpenOrder local, string? clientIdText, Instrument instrument) =>
        new(local.ClientOrderId, clientIdText, instrument, local.Side, local.Type, local.Price, local.Quantity)
        {
            VenueOrderId = local.VenueOrderId,
            Acknowledged = local.VenueOrderId != 0,
            Executed = local.Filled,
            QuoteMoney = local.FilledNotional,
            QuoteKnown = local.Filled == 0 || local.FilledNotional > 0,
            LastTradeId = local.LastTradeId,
        };

    public ExecutionReport Report(ExecutionReportKind kind, long timeNs) => new()
    {
        Kind = kind,
        Side = Side,
        OrderType = Type,
        InstrumentId = Instrument.Id,
        ClientOrderId = ClientOrderId,
        VenueOrderId = VenueOrderId,
        Price = Price,
        Quantity = Quantity,
        CumulativeQuantity = Executed,
        TimeNs = timeNs,
    };
}

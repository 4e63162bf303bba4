using TBot.Engine.Journal;
using TBot.Engine.Orders;
using TBot.Engine.Trading;
using TBot.Persistence.Numerics;
using TBot.Persistence.Postgres.Instruments;

namespace TBot.Persistence.Postgres.Warm;

/// <summary>Turns decision records into warm-table rows and their order_history / trade_history rows. Pure (no I/O), so the mapping is testable alone and the
/// journal reader's buffer never has to survive an await.</summary>
public sealed class WarmRowBuilder
{
    private readonly string _journalId;
    private readonly Dictionary<int, JournalInstrument> _instruments = [];
    private readonly InstrumentIdMap _ids;

    private readonly IReadOnlyList<BotDefinition> _definitions;
    private readonly DateTime _createdUtc;
    private bool _definitionsGiven;

    /// <param name="ids">The journal's instruments → database ids (<see cref="InstrumentRegistry"/>); every row's
    /// instrument_id is the database id. Null: the engine ids as they are (pure tests).</param>
    public WarmRowBuilder(JournalManifest manifest, InstrumentIdMap? ids = null)
    {
        _ids = ids ?? InstrumentIdMap.Identity;
        _journalId = manifest.JournalId;
        _definitions = BotDefinition.FromManifest(manifest);
        _createdUtc = DateTime.SpecifyKind(manifest.CreatedUtc, DateTimeKind.Utc);
        foreach (var i in manifest.Instruments) _instruments[i.Id] = i;
    }

    /// <summary>Hand the manifest's bot definitions to the first batch (idempotent upserts, so once per builder is enough).</summary>
    public void Start(WarmBatch batch)
    {
        if (_definitionsGiven) return;
        batch.Definitions = _definitions;
        batch.DefinedUtc = _createdUtc;
        _definitionsGiven = true;
    }

    public void Add(WarmBatch batch, in DecisionRecord d, long position)
    {
        switch (d.Kind)
        {
            case DecisionKind.KillSwitch:
                batch.Statuses[d.BotId] = new BotStatusRow(d.BotId, "KILLED", EngineTime.ToUtc(d.TimeNs), position);
                return;
            case DecisionKind.Control when d.BotId != 0 && (ControlCommand)d.Reason is ControlCommand.PauseBot or ControlCommand.ResumeBot or ControlCommand.KillBot:
                var status = (ControlCommand)d.Reason switch { ControlCommand.PauseBot => "PAUSED", ControlCommand.ResumeBot => "RUNNING", _ => "KILLED" };
                batch.Statuses[d.BotId] = new BotStatusRow(d.BotId, status, EngineTime.ToUtc(d.TimeNs), position);
                return;
            case DecisionKind.OrderSubmitted:
            case DecisionKind.OrderStatusChanged:
            case DecisionKind.Reconciled:
                AddOrderState(batch, in d, position);
                break;
            case DecisionKind.Fill:
                AddFill(batch, in d, position);
                break;
            case DecisionKind.CancelRequested:
                break;
            default:
                // Risk rejects, ignored reports, kill switch and control decisions concern no order row.
                return;
        }
        AddHistory(batch, in d, position);
        batch.Decisions++;
    }

    private void AddHistory(WarmBatch batch, in DecisionRecord d, long position)
    {
        var instrument = Instrument(d.InstrumentId, position);
        var (name, filled) = d.Kind switch
        {
            DecisionKind.OrderSubmitted => ("ORDER_SUBMITTED", (long?)d.Value1),
            DecisionKind.OrderStatusChanged => ("ORDER_STATUS_CHANGED", d.Value1),
            DecisionKind.Reconciled => ("RECONCILED", d.Value1),
            DecisionKind.CancelRequested => ("CANCEL_REQUESTED", d.Value1),
            // A fill record carries the fill, not the order's running total.
            _ => ("FILL", (long?)null),
        };
        batch.OrderHistory.Add(new OrderHistoryRow(EngineTime.ToUtc(d.TimeNs), d.ClientOrderId, d.BotId, _ids.ToDatabase(d.InstrumentId), name,
            SqlNames.Status(d.FromStatus), SqlNames.Status(d.ToStatus),
            d.Kind != DecisionKind.Fill && d.OrderType == OrderType.Market ? null : FixedPoint.ToDecimal(d.Price, instrument.PriceScale),
            FixedPoint.ToDecimal(d.Quantity, instrument.QuantityScale),
            filled is { } f ? FixedPoint.ToDecimal(f, instrument.QuantityScale) : null, position));
    }

    private void AddOrderState(WarmBatch batch, in DecisionRecord d, long position)
    {
        var instrument = Instrument(d.InstrumentId, position);
        var time = EngineTime.ToUtc(d.TimeNs);
        var created = batch.Orders.TryGetValue(d.ClientOrderId, out var earlier) && earlier.HasFullState ? earlier.CreatedUtc : time;
        batch.Orders[d.ClientOrderId] = new OrderRow
        {
            ClientOrderId = d.ClientOrderId,
            HasFullState = true,
            ClientOrderText = ClientOrderIds.Format(_journalId, d.ClientOrderId),
            BotId = d.BotId,
            InstrumentId = _ids.ToDatabase(d.InstrumentId),
            Venue = instrument.Venue,
            Symbol = instrument.Symbol,
            Side = SqlNames.Side(d.Side),
            Type = SqlNames.OrderType(d.OrderType),
            Price = d.OrderType == OrderType.Market ? null : FixedPoint.ToDecimal(d.Price, instrument.PriceScale),
            Quantity = FixedPoint.ToDecimal(d.Quantity, instrument.QuantityScale),
            // Value1 of these decisions is the order's filled quantity at that point.
            FilledQuantity = FixedPoint.ToDecimal(d.Value1, instrument.QuantityScale),
            VenueOrderId = d.VenueOrderId == 0 ? earlier?.VenueOrderId : d.VenueOrderId,
            Status = SqlNames.Status(d.ToStatus),
            CreatedUtc = created,
            UpdatedUtc = time,
            JournalPosition = position,
        };
        batch.Bots.TryAdd(d.BotId, time);
    }

    private void AddFill(WarmBatch batch, in DecisionRecord d, long position)
    {
        var instrument = Instrument(d.InstrumentId, position);
        var time = EngineTime.ToUtc(d.TimeNs);
        var quantity = FixedPoint.ToDecimal(d.Quantity, instrument.QuantityScale);
        var status = SqlNames.Status(d.ToStatus);
        if (batch.Orders.TryGetValue(d.ClientOrderId, out var order))
        {
            order.Status = status;
            order.UpdatedUtc = time;
            order.JournalPosition = position;
            if (order.HasFullState) order.FilledQuantity += quantity;
            if (d.VenueOrderId != 0) order.VenueOrderId = d.VenueOrderId;
        }
        else
        {
            batch.Orders[d.ClientOrderId] = new OrderRow
            {
                ClientOrderId = d.ClientOrderId, HasFullState = false, Status = status, UpdatedUtc = time, JournalPosition = position,
                VenueOrderId = d.VenueOrderId == 0 ? null : d.VenueOrderId,
            };
        }
        var instrumentId = _ids.ToDatabase(d.InstrumentId);
        batch.Trades.Add(new TradeRow(d.ClientOrderId, d.TradeId, d.BotId, instrumentId, instrument.Venue, instrument.Symbol,
            SqlNames.Side(d.Side), FixedPoint.ToDecimal(d.Price, instrument.PriceScale), quantity,
            FixedPoint.ToDecimal(d.Value1, Money.Scale), d.Reason == 1, time, position));
        // Value2 / Value3: the bot's position and realised PnL after this fill.
        batch.Positions[(d.BotId, instrumentId)] = new PositionRow(d.BotId, instrumentId, instrument.Venue, instrument.Symbol,
            FixedPoint.ToDecimal(d.Value2, instrument.QuantityScale), FixedPoint.ToDecimal(d.Value3, Money.Scale), time, position);
        batch.Bots.TryAdd(d.BotId, time);
    }

    private JournalInstrument Instrument(int id, long position) =>
        _instruments.TryGetValue(id, out var i) ? i
            : throw new InvalidDataException($"Journal record {position}: instrument {id} is not in the journal's manifest.");
}

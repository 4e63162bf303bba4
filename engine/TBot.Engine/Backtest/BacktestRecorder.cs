using TBot.Engine.Journal;
using TBot.Engine.Orders;

namespace TBot.Engine.Backtest;

/// <summary>
/// The backtest's decision log: instead of a journal, counters and a bounded trades table, updated on the trading
/// thread from the decisions the core makes (preallocated; allocation-free per decision). A fill that reduces a
/// position closes a round trip: it wins when the realised PnL it adds is positive.
/// </summary>
public sealed class BacktestRecorder : IDecisionLog
{
    public const int MaxBots = 64;
    private const int VenueRejectCodes = 32; // paper reject codes 9000..9031 by index; others in the last slot

    private readonly TradeRecord[] _trades;
    private readonly long[] _lastRealised; // per bot × instrument: realised PnL after the previous fill
    private readonly int _instrumentSlots;

    public BacktestRecorder(int instrumentSlots, int tradeCapacity = 1_000)
    {
        _instrumentSlots = instrumentSlots;
        _trades = new TradeRecord[tradeCapacity];
        _lastRealised = new long[MaxBots * instrumentSlots];
    }

    public long Fills { get; private set; }

    public long Orders { get; private set; }

    public long Cancels { get; private set; }

    public long Expired { get; private set; }

    public long KillSwitches { get; private set; }

    /// <summary>Fills kept in <see cref="Trades"/> (the first ones, up to the capacity).</summary>
    public int TradeCount { get; private set; }

    public ReadOnlySpan<TradeRecord> Trades => _trades.AsSpan(0, TradeCount);

    public long[] BotFills { get; } = new long[MaxBots];
    public long[] BotOrders { get; } = new long[MaxBots];
    public long[] BotRoundTrips { get; } = new long[MaxBots];
    public long[] BotWins { get; } = new long[MaxBots];
    public long[] BotMakerFills { get; } = new long[MaxBots];

    /// <summary>Risk rejections by <see cref="Risk.RiskRejectReason"/> code.</summary>
    public long[] RiskRejections { get; } = new long[256];

    /// <summary>Venue (paper gateway) rejections by code − 9000; the last slot counts any other code.</summary>
    public long[] VenueRejections { get; } = new long[VenueRejectCodes];

    public void Append(in DecisionRecord d)
    {
        switch (d.Kind)
        {
            case DecisionKind.OrderSubmitted:
                Orders++;
                if ((uint)d.BotId < MaxBots) BotOrders[d.BotId]++;
                break;
            case DecisionKind.RiskRejected:
                RiskRejections[d.Reason]++;
                break;
            case DecisionKind.CancelRequested:
                Cancels++;
                break;
            case DecisionKind.KillSwitch:
                KillSwitches++;
                break;
            case DecisionKind.OrderStatusChanged:
                if (d.ToStatus == OrderStatus.Rejected)
                {
                    var code = d.Value2 - 9000;
                    VenueRejections[code is >= 0 and < VenueRejectCodes - 1 ? code : VenueRejectCodes - 1]++;
                }
                else if (d.ToStatus == OrderStatus.Expired)
                {
                    Expired++;
                }
                break;
            case DecisionKind.Fill:
                OnFill(in d);
                break;
        }
    }

    private void OnFill(in DecisionRecord d)
    {
        Fills++;
        var bot = (uint)d.BotId < MaxBots ? d.BotId : 0;
        BotFills[bot]++;
        if (d.Reason == 1) BotMakerFills[bot]++;
        long delta = 0;
        if ((uint)d.InstrumentId < (uint)_instrumentSlots)
        {
            ref var last = ref _lastRealised[bot * _instrumentSlots + d.InstrumentId];
            delta = d.Value3 - last;
            last = d.Value3;
        }
        // A fill against the existing position's sign closes (part of) a round trip.
        var signed = d.Side == Events.Side.Buy ? d.Quantity : -d.Quantity;
        var before = d.Value2 - signed;
        if (before != 0 && Math.Sign(before) != Math.Sign(signed))
        {
            BotRoundTrips[bot]++;
            if (delta > 0) BotWins[bot]++;
        }
        if (TradeCount < _trades.Length)
        {
            _trades[TradeCount++] = new TradeRecord
            {
                TimeNs = d.TimeNs, BotId = d.BotId, InstrumentId = d.InstrumentId, Side = d.Side, IsMaker = d.Reason == 1,
                ClientOrderId = d.ClientOrderId, Price = d.Price, Quantity = d.Quantity, Fee = d.Value1,
                RealisedDelta = delta, PositionAfter = d.Value2,
            };
        }
    }
}

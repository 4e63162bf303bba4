using System.Collections.Immutable;
using TBot.Engine.Instruments;

namespace TBot.Engine.Risk;

/// <summary>
/// One bot's pre-trade limits, resolved to integers so checks never convert: money in <see cref="Orders.Money"/>
/// units, quantities as mantissas at each instrument's quantity scale (indexed by instrument id), rates by venue.
/// 0 disables a check. Immutable: to change limits at run time, build a new one (<c>with</c>) and hand it to
/// <see cref="RiskManager.SetLimits"/>. Build from configuration with <see cref="RiskLimitsConfig.Resolve"/>.
/// </summary>
public sealed record RiskLimits
{
    /// <summary>No limits at all.</summary>
    public static RiskLimits Unlimited { get; } = new();

    /// <summary>Largest notional of one order, money units.</summary>
    public long MaxOrderNotional { get; init; }

    /// <summary>Largest worst-case notional over all the bot's instruments (Σ |projected position| × mid), money units.</summary>
    public long MaxPositionNotionalPerBot { get; init; }

    /// <summary>Kill switch: largest loss within one UTC day (engine time), money units.</summary>
    public long DailyLossLimit { get; init; }

    /// <summary>Kill switch: largest fall from peak PnL, money units.</summary>
    public long MaxDrawdown { get; init; }

    /// <summary>Most open orders the bot may have over all instruments.</summary>
    public int MaxOpenOrders { get; init; }

    /// <summary>How far a limit price may be from mid, basis points of mid.</summary>
    public int PriceCollarBps { get; init; }

    /// <summary>Oldest best bid/ask (engine time) an order may be checked against, ms.</summary>
    public int MaxQuoteAgeMs { get; init; }

    /// <summary>Largest order quantity, by instrument id (mantissa; missing or 0 = no limit).</summary>
    public ImmutableArray<long> MaxOrderQuantity { get; init; } = [];

    /// <summary>Largest worst-case position, by instrument id (mantissa; missing or 0 = no limit).</summary>
    public ImmutableArray<long> MaxPositionQuantity { get; init; } = [];

    /// <summary>Order-rate limits, by <see cref="Venue"/> value (missing = no limit).</summary>
    public ImmutableArray<VenueOrderRate> OrderRates { get; init; } = [];

    public long OrderQuantityLimit(int instrumentId) => At(MaxOrderQuantity, instrumentId);

    public long PositionQuantityLimit(int instrumentId) => At(MaxPositionQuantity, instrumentId);

    public VenueOrderRate OrderRate(Venue venue) =>
        !OrderRates.IsDefault && (uint)venue < (uint)OrderRates.Length ? OrderRates[(int)venue] : default;

    /// <summary>A copy with one instrument's quantity limits set (configuration time: allocates).</summary>
    public RiskLimits WithInstrument(int instrumentId, long maxOrderQuantity, long maxPositionQuantity)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(instrumentId);
        return this with
        {
            MaxOrderQuantity = SetAt(MaxOrderQuantity, instrumentId, maxOrderQuantity),
            MaxPositionQuantity = SetAt(MaxPositionQuantity, instrumentId, maxPositionQuantity),
        };
    }

    /// <summary>A copy with one venue's order rate set (configuration time: allocates).</summary>
    public RiskLimits WithOrderRate(Venue venue, int ordersPerSecond, int burst = 0)
    {
        var rates = new VenueOrderRate[Math.Max(4, OrderRates.IsDefault ? 0 : OrderRates.Length)];
        if (!OrderRates.IsDefault) OrderRates.CopyTo(rates);
        rates[(int)venue] = new VenueOrderRate(ordersPerSecond, burst);
        return this with { OrderRates = ImmutableArray.Create(rates) };
    }

    /// <summary>Every problem with these limits (empty when usable): negative limits, rates out of range.</summary>
    public List<string> Problems()
    {
        var p = new List<string>();
        if (MaxOrderNotional < 0) p.Add($"MaxOrderNotional must not be negative (got {MaxOrderNotional}).");
        if (MaxPositionNotionalPerBot < 0) p.Add($"MaxPositionNotionalPerBot must not be negative (got {MaxPositionNotionalPerBot}).");
        if (DailyLossLimit < 0) p.Add($"DailyLossLimit must not be negative (got {DailyLossLimit}).");
        if (MaxDrawdown < 0) p.Add($"MaxDrawdown must not be negative (got {MaxDrawdown}).");
        if (MaxOpenOrders < 0) p.Add($"MaxOpenOrders must not be negative (got {MaxOpenOrders}).");
        if (PriceCollarBps < 0) p.Add($"PriceCollarBps must not be negative (got {PriceCollarBps}).");
        if (MaxQuoteAgeMs < 0) p.Add($"MaxQuoteAgeMs must not be negative (got {MaxQuoteAgeMs}).");
        for (var i = 0; i < Length(MaxOrderQuantity); i++)
            if (MaxOrderQuantity[i] < 0) p.Add($"MaxOrderQuantity[{i}] must not be negative (got {MaxOrderQuantity[i]}).");
        for (var i = 0; i < Length(MaxPositionQuantity); i++)
            if (MaxPositionQuantity[i] < 0) p.Add($"MaxPositionQuantity[{i}] must not be negative (got {MaxPositionQuantity[i]}).");
        for (var v = 0; v < Length(OrderRates); v++)
        {
            var r = OrderRates[v];
            if (r.OrdersPerSecond is < 0 or > (int)TokenBucket.MaxRate || r.Burst is < 0 or > (int)TokenBucket.MaxRate)
                p.Add($"OrderRates[{VenueNames.Name((Venue)v)}] must be within 0..{TokenBucket.MaxRate} (got {r.OrdersPerSecond}/s, burst {r.Burst}).");
        }
        return p;
    }

    private static long At(ImmutableArray<long> values, int index) =>
        !values.IsDefault && (uint)index < (uint)values.Length ? values[index] : 0;

    private static int Length<T>(ImmutableArray<T> values) => values.IsDefault ? 0 : values.Length;

    private static ImmutableArray<long> SetAt(ImmutableArray<long> values, int index, long value)
    {
        var copy = new long[Math.Max(index + 1, Length(values))];
        if (!values.IsDefault) values.CopyTo(copy);
        copy[index] = value;
        return ImmutableArray.Create(copy);
    }
}

using TBot.Engine.Events;
using TBot.Engine.Journal;

namespace TBot.Host.Tests.Stores;

/// <summary>One fill as the journal recorded it (mantissas at the instrument's scales).</summary>
internal sealed record JournalFill(long Position, long ClientOrderId, long TradeId, int Bot, int InstrumentId, long Price, long Quantity,
    long PositionAfter, long TimeNs);

/// <summary>An order's state at the journal's end: the last status a decision gave it, the sum of its fills.</summary>
internal sealed record JournalOrder(long ClientOrderId, int InstrumentId, OrderStatusName Status, long FilledQuantity);

/// <summary>The status names the database uses (upper snake case of the engine's enum).</summary>
internal readonly record struct OrderStatusName(string Value)
{
    public static OrderStatusName Of(TBot.Engine.Orders.OrderStatus status) =>
        new(string.Concat(status.ToString().Select((c, i) => i > 0 && char.IsUpper(c) ? "_" + c : c.ToString())).ToUpperInvariant());

    public override string ToString() => Value;
}

/// <summary>
/// What the stores must hold, read straight from a closed journal with <see cref="JournalReader"/>: the reference the
/// projections are compared with. Independent of the projection code (no row builder is reused).
/// </summary>
internal sealed class JournalFacts
{
    public required string JournalId { get; init; }
    public required long LastPosition { get; init; }
    public required IReadOnlyDictionary<int, JournalInstrument> Instruments { get; init; }
    public required IReadOnlyList<JournalFill> Fills { get; init; }
    public required IReadOnlyDictionary<long, JournalOrder> Orders { get; init; }
    /// <summary>Journal positions of the decisions about an order (submitted, status change, reconciled, cancel request, fill).</summary>
    public required IReadOnlyList<long> OrderDecisionPositions { get; init; }
    /// <summary>Market-data events (quotes, trades, book levels, tickers, candles, book status) by kind.</summary>
    public required IReadOnlyDictionary<MarketEventKind, long> MarketData { get; init; }

    /// <summary>Position after the last fill of each (bot, instrument) that ever filled.</summary>
    public IReadOnlyDictionary<(int Bot, int InstrumentId), JournalFill> LastFills =>
        Fills.GroupBy(f => (f.Bot, f.InstrumentId)).ToDictionary(g => g.Key, g => g.MaxBy(f => f.Position)!);

    public string InstrumentKey(int id) => $"{Instruments[id].Symbol}@{Instruments[id].Venue}";

    public decimal Quantity(int instrumentId, long mantissa) => Decimals.FromMantissa(mantissa, Instruments[instrumentId].QuantityScale);

    public static JournalFacts Read(string directory)
    {
        using var reader = JournalReader.Open(directory);
        var fills = new List<JournalFill>();
        var orders = new Dictionary<long, JournalOrder>();
        var orderDecisions = new List<long>();
        var marketData = new Dictionary<MarketEventKind, long>();
        long last = 0;
        while (reader.TryRead(out var r))
        {
            last = r.Position;
            if (r.Type == JournalRecordType.Event)
            {
                var kind = r.Event.Kind;
                if (kind is >= MarketEventKind.Quote and <= MarketEventKind.BookStatus) marketData[kind] = marketData.GetValueOrDefault(kind) + 1;
                continue;
            }
            if (r.Type != JournalRecordType.Decision) continue;
            var d = r.Decision;
            switch (d.Kind)
            {
                case DecisionKind.OrderSubmitted or DecisionKind.OrderStatusChanged or DecisionKind.Reconciled:
                    orders[d.ClientOrderId] = new JournalOrder(d.ClientOrderId, d.InstrumentId, OrderStatusName.Of(d.ToStatus),
                        orders.TryGetValue(d.ClientOrderId, out var o) ? o.FilledQuantity : 0);
                    orderDecisions.Add(r.Position);
                    break;
                case DecisionKind.Fill:
                    fills.Add(new JournalFill(r.Position, d.ClientOrderId, d.TradeId, d.BotId, d.InstrumentId, d.Price, d.Quantity, d.Value2, d.TimeNs));
                    var before = orders.TryGetValue(d.ClientOrderId, out var f) ? f.FilledQuantity : 0;
                    orders[d.ClientOrderId] = new JournalOrder(d.ClientOrderId, d.InstrumentId, OrderStatusName.Of(d.ToStatus), before + d.Quantity);
                    orderDecisions.Add(r.Position);
                    break;
                case DecisionKind.CancelRequested:
                    orderDecisions.Add(r.Position);
                    break;
            }
        }
        Assert.Equal(JournalDamage.None, reader.TailDamage);
        return new JournalFacts
        {
            JournalId = reader.Manifest.JournalId,
            LastPosition = last,
            Instruments = reader.Manifest.Instruments.ToDictionary(i => i.Id),
            Fills = fills,
            Orders = orders,
            OrderDecisionPositions = orderDecisions,
            MarketData = marketData,
        };
    }
}

/// <summary>Fixed-point mantissas ↔ the database's and JSON's decimals, exactly.</summary>
internal static class Decimals
{
    public static decimal FromMantissa(long mantissa, int scale) => new decimal(mantissa) / Pow10(scale);

    /// <summary>The mantissa of <paramref name="value"/> at <paramref name="scale"/>; fails when it has finer digits.</summary>
    public static long ToMantissa(decimal value, int scale)
    {
        var scaled = value * Pow10(scale);
        Assert.True(scaled == decimal.Truncate(scaled), $"{value} has more than {scale} decimals");
        return decimal.ToInt64(scaled);
    }

    private static decimal Pow10(int scale)
    {
        var p = 1m;
        for (var i = 0; i < scale; i++) p *= 10;
        return p;
    }
}

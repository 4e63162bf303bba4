using TBot.Adapters.Simulator.Market;
using TBot.Engine.Events;

namespace TBot.Adapters.Simulator.Orders;

/// <summary>A validated new-order request (mantissas at the instrument's scales).</summary>
internal sealed record OrderRequest(
    InstrumentMarket Market,
    Side Side,
    SimOrderType Type,
    SimTimeInForce TimeInForce,
    long Price,
    long Quantity,
    long QuoteQuantity,
    string? ClientOrderId,
    long TimeMs);

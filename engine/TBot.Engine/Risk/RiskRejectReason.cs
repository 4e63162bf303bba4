namespace TBot.Engine.Risk;

/// <summary>
/// Why the risk manager refused an intent (journaled in <see cref="Journal.DecisionRecord.Reason"/> and counted
/// per reason). Values are stable: journals and dashboards key on them; add new ones at the end.
/// </summary>
public enum RiskRejectReason : byte
{
    /// <summary>Accepted.</summary>
    None = 0,
    /// <summary>Order quantity above the instrument's limit.</summary>
    MaxOrderQuantity = 1,
    /// <summary>Order notional (limit price, or the far touch for a market order) above the limit.</summary>
    MaxOrderNotional = 2,
    /// <summary>Worst-case projected position on the instrument (position + open same-side + this order) above the limit.</summary>
    MaxPositionInstrument = 3,
    /// <summary>Worst-case projected notional over all the bot's instruments above the limit.</summary>
    MaxPositionBot = 4,
    /// <summary>The bot already has the maximum number of open orders.</summary>
    MaxOpenOrders = 5,
    /// <summary>The bot's order-rate token bucket for the venue is empty.</summary>
    OrderRateLimit = 6,
    /// <summary>Limit price further than the collar from mid, or a market order without a mid.</summary>
    PriceCollar = 7,
    /// <summary>Book marked stale (resyncing), no two-sided quote, or the quote is older than the limit.</summary>
    StaleMarketData = 8,
    /// <summary>The bot is halted (kill switch) or paused by an operator.</summary>
    BotHalted = 9,
    /// <summary>Malformed intent: unknown bot or instrument, bad side/type/action, quantity ≤ 0, limit price ≤ 0, off tick/step.</summary>
    InvalidOrder = 10,
    /// <summary>The day's loss is already beyond the limit (limits tightened before the kill switch saw new PnL).</summary>
    DailyLossLimit = 11,
    /// <summary>The drawdown from peak PnL is already beyond the limit.</summary>
    MaxDrawdown = 12,
    /// <summary>A cancel for an order that is unknown or belongs to another bot.</summary>
    UnknownOrder = 13,
}

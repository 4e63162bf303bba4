namespace TBot.Engine.Trading;

/// <summary>Which risk limit a <see cref="ControlCommand.SetRiskLimit"/> event changes. Values are stable (journaled).</summary>
public enum RiskLimitField : byte
{
    None = 0,
    /// <summary>Money units (8 decimals).</summary>
    MaxOrderNotional = 1,
    /// <summary>Money units.</summary>
    MaxPositionNotionalPerBot = 2,
    /// <summary>Money units.</summary>
    DailyLossLimit = 3,
    /// <summary>Money units.</summary>
    MaxDrawdown = 4,
    MaxOpenOrders = 5,
    PriceCollarBps = 6,
    MaxQuoteAgeMs = 7,
}

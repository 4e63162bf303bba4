namespace TBot.Engine.Risk;

/// <summary>Why a bot was halted (journaled in the KillSwitch decision's reason). Values are stable.</summary>
public enum KillSwitchCause : byte
{
    None = 0,
    /// <summary>The day's loss (UTC day, engine time) exceeded <see cref="RiskLimits.DailyLossLimit"/>.</summary>
    DailyLossLimit = 1,
    /// <summary>Peak PnL minus current PnL exceeded <see cref="RiskLimits.MaxDrawdown"/>.</summary>
    MaxDrawdown = 2,
    /// <summary>An operator (or the host) pulled the kill switch.</summary>
    Manual = 3,
}

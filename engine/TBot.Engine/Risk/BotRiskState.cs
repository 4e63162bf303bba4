namespace TBot.Engine.Risk;

/// <summary>Whether a bot may submit orders. Cancels are allowed in every state.</summary>
public enum BotRiskState : byte
{
    Active = 0,
    /// <summary>Paused by an operator; <see cref="RiskManager.Resume"/> lifts it.</summary>
    Paused = 1,
    /// <summary>Kill switch fired (PnL limit or manual); only an explicit operator <see cref="RiskManager.Resume"/> lifts it.</summary>
    Halted = 2,
}

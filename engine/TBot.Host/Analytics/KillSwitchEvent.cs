namespace TBot.Host.Analytics;

/// <summary>A kill switch as journaled: when, which bot, the cause code and the PnL (money) that tripped it.</summary>
internal readonly record struct KillSwitchEvent(long TimeNs, int BotId, byte Cause, long Pnl);

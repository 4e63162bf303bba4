namespace TBot.Host.Dashboard;

/// <summary>A bot's risk state as the journal tells it: paused by an operator, killed (kill switch, with its cause),
/// or active. Only an operator resume lifts a kill, as in the risk manager.</summary>
internal sealed class DashboardBotState(int botId)
{
    public int BotId { get; } = botId;
    public bool Paused, Killed;
    public byte KillCause;
    public long KillPnl;
    public long KillTimeNs;

    public string State => Killed ? "killed" : Paused ? "paused" : "active";
}

using TBot.Host.Dashboard;

namespace TBot.Host.Analytics;

/// <summary>One bot's PnL on one instrument: the position over the whole journal (the portfolio's arithmetic, through
/// <see cref="DashboardPosition"/>) and the window's sums. Money in <see cref="TBot.Engine.Orders.Money"/> units.</summary>
internal sealed class PnlLine(int botId, int instrumentId, DashboardPosition? position = null)
{
    public int BotId { get; } = botId;
    public int InstrumentId { get; } = instrumentId;
    public DashboardPosition Position { get; } = position ?? new(botId, instrumentId);

    /// <summary>Sums over the window's fills.</summary>
    public long Realised, Fees, Volume, Fills;

    /// <summary>Unrealised PnL when the window started, and at the last UTC-day boundary inside it.</summary>
    public long UnrealisedStart, UnrealisedAtBoundary;
}

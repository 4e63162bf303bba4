using TBot.Engine.Journal;

namespace TBot.Persistence.Postgres.History;

/// <summary>
/// The <c>performance_metrics.metric</c> names, per bot and engine-time minute. A row exists only for a minute in
/// which the bot had at least one decision of that kind (no zero rows): a missing minute means 0 for the counters
/// and "unchanged" for the levels.
/// </summary>
public static class PerformanceMetricNames
{
    /// <summary>Orders that passed risk and were submitted (count).</summary>
    public const string OrdersSubmitted = "orders_submitted";
    /// <summary>Intents refused by pre-trade risk (count).</summary>
    public const string RiskRejections = "risk_rejections";
    /// <summary>Cancels sent (count).</summary>
    public const string CancelsRequested = "cancels_requested";
    /// <summary>Fills applied (count).</summary>
    public const string Fills = "fills";
    /// <summary>Fees paid on those fills (money, 8 decimals of the quote currency; quote currencies are not converted).</summary>
    public const string Fees = "fees";
    /// <summary>Kill switches fired (count).</summary>
    public const string KillSwitches = "kill_switches";
    /// <summary>The bot's realised PnL summed over its instruments, at the end of a minute with a fill (money):
    /// the sum of the latest <see cref="RealizedPnlOf"/> of each instrument at or before that minute.</summary>
    public const string RealizedPnl = "realized_pnl";

    /// <summary>Realised PnL of the bot on one instrument after its last fill in the minute (money).</summary>
    public static string RealizedPnlOf(JournalInstrument instrument) => $"{RealizedPnl}:{instrument.Symbol}@{instrument.Venue}";

    /// <summary>The bot's position on one instrument after its last fill in the minute (quantity, instrument scale).</summary>
    public static string PositionOf(JournalInstrument instrument) => $"position:{instrument.Symbol}@{instrument.Venue}";
}

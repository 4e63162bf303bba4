namespace TBot.Adapters.Execution.Binance;

/// <summary>What start-up reconciliation does with an order working at the venue that the engine does not know.</summary>
public enum UnknownOrderPolicy : byte
{
    /// <summary>Report it Accepted so the engine takes it over (ours by client id, else a "foreign" id of bot 0).</summary>
    Adopt = 0,
    /// <summary>Cancel it at the venue; the engine never hears of it.</summary>
    Cancel = 1,
}

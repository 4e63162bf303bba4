namespace TBot.Adapters.Execution.Binance;

/// <summary>Settings of a <see cref="BinanceReconciler"/>.</summary>
public sealed class BinanceReconcilerOptions
{
    /// <summary>The journal's tag in client order ids: ids with it are ours, others are foreign.</summary>
    public string JournalTag { get; init; } = "";

    public UnknownOrderPolicy UnknownOrders { get; init; } = UnknownOrderPolicy.Adopt;

    /// <summary>Instruments whose open orders are listed at the venue; null = every Binance instrument of the registry.
    /// Instruments of the engine's open orders are always included.</summary>
    public IReadOnlyList<int>? InstrumentIds { get; init; }

    /// <summary>Read the account's balances (GET /api/v3/account) into the report.</summary>
    public bool FetchBalances { get; init; } = true;
}

namespace TBot.Adapters.Execution.Binance;

/// <summary>The outcome of start-up reconciliation with Binance.</summary>
public sealed class ReconciliationReport
{
    public required IReadOnlyList<ReconciliationDifference> Differences { get; init; }

    public required IReadOnlyList<ReconciliationAction> Actions { get; init; }

    /// <summary>The account's balances (empty when not fetched).</summary>
    public required IReadOnlyList<AssetBalance> Balances { get; init; }

    /// <summary>
    /// Orders working at the venue afterwards, as the engine now knows them (adopted ones included), with the
    /// venue's totals as baseline: hand them to <see cref="BinanceLiveGateway.Track"/> so they are polled.
    /// </summary>
    public required IReadOnlyList<LocalOpenOrder> OpenOrders { get; init; }

    public int ReportsPublished { get; init; }

    public int Adopted { get; init; }

    public int CancelledAtVenue { get; init; }

    /// <summary>The engine and the venue agreed: nothing had to be reported or cancelled.</summary>
    public bool InSync => Differences.Count == 0;

    public override string ToString() =>
        $"{Differences.Count} differences, {ReportsPublished} reports, {Adopted} adopted, {CancelledAtVenue} cancelled at the venue, " +
        $"{OpenOrders.Count} working, {Balances.Count} balances";
}

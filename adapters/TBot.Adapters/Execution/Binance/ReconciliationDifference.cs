namespace TBot.Adapters.Execution.Binance;

public enum ReconciliationDifferenceKind : byte
{
    /// <summary>Working on both sides, but the venue has executed more than the engine knows.</summary>
    MissedFills = 1,
    /// <summary>Working at the venue; the engine never saw it acknowledged.</summary>
    NotAcknowledged = 2,
    /// <summary>Open in the engine, finished at the venue (filled, cancelled, expired, rejected).</summary>
    EndedAtVenue = 3,
    /// <summary>Open in the engine, unknown to the venue.</summary>
    MissingAtVenue = 4,
    /// <summary>Working at the venue, unknown to the engine.</summary>
    UnknownAtVenue = 5,
}

/// <summary>One way the engine's view of an order differed from the venue's at start-up.</summary>
public readonly record struct ReconciliationDifference(
    ReconciliationDifferenceKind Kind,
    int InstrumentId,
    long ClientOrderId,
    string? VenueClientOrderId,
    long VenueOrderId,
    string Detail);

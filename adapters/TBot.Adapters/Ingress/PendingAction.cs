using TBot.Engine.Books;
using TBot.Engine.Instruments;

namespace TBot.Adapters.Ingress;

/// <summary>Something the connection layer must do after a frame: fetch a snapshot, resubscribe a book, or reconnect.</summary>
public readonly record struct PendingAction(Venue Venue, int ConnectionId, int InstrumentId, PendingActionKind Kind);

public enum PendingActionKind : byte
{
    /// <summary>Fetch a REST snapshot for the instrument (Binance depth).</summary>
    RequestSnapshot = 1,
    /// <summary>Resubscribe the instrument's book channel (OKX, Coinbase).</summary>
    Resubscribe = 2,
    /// <summary>Drop and re-open the connection (too much bad input, or the venue announced shutdown).</summary>
    Reconnect = 3,
}

internal static class PendingActionKinds
{
    public static PendingActionKind From(SyncAction action) =>
        action == SyncAction.RequestSnapshot ? PendingActionKind.RequestSnapshot : PendingActionKind.Resubscribe;
}

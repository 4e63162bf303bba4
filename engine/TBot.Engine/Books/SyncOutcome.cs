using TBot.Engine.Validation;

namespace TBot.Engine.Books;

/// <summary>What <see cref="BookSyncMachine"/> did with a message, and what the connection must do next.</summary>
public readonly record struct SyncOutcome(SyncResult Result, RejectReason Reason, SyncAction Action)
{
    public static readonly SyncOutcome Applied = new(SyncResult.Applied, RejectReason.None, SyncAction.None);
    public static readonly SyncOutcome Buffered = new(SyncResult.Buffered, RejectReason.None, SyncAction.None);

    public static SyncOutcome Dropped(RejectReason reason, SyncAction action = SyncAction.None) => new(SyncResult.Dropped, reason, action);
}

public enum SyncResult : byte
{
    /// <summary>Applied to the book; events were emitted.</summary>
    Applied,
    /// <summary>Held until a snapshot arrives.</summary>
    Buffered,
    /// <summary>Not applied; <see cref="SyncOutcome.Reason"/> says why.</summary>
    Dropped,
}

/// <summary>What the adapter must do for this book.</summary>
public enum SyncAction : byte
{
    None,
    /// <summary>Fetch a snapshot (Binance REST depth).</summary>
    RequestSnapshot,
    /// <summary>Resubscribe the book channel (OKX, Coinbase) to get a fresh snapshot on the stream.</summary>
    Resubscribe,
}

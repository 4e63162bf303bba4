namespace TBot.Engine.Books;

/// <summary>The one state machine every venue's book goes through; the venue rules are plugged in (<see cref="IBookSyncRules"/>).</summary>
public enum BookSyncState
{
    /// <summary>No book yet (start, or after a resync was requested). Nothing is emitted.</summary>
    AwaitingSnapshot = 0,
    /// <summary>Updates arrive and are buffered until a snapshot that they can be spliced onto.</summary>
    Buffering = 1,
    /// <summary>Snapshot applied and updates continuous: the book is emitted and may be traded on.</summary>
    Live = 2,
    /// <summary>Desync detected (gap, checksum mismatch, persistent cross, overflow): not emitted, resync pending.</summary>
    Stale = 3,
}

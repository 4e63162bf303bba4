using TBot.Engine.Books;

namespace TBot.Adapters.Coinbase;

/// <summary>
/// Coinbase level2 (Advanced Trade l2_data and the Exchange feed's level2): the snapshot arrives on the
/// stream after subscribing, and updates carry no per-book sequence. Integrity is guarded at the
/// connection: Advanced Trade numbers every message on a socket (<c>sequence_num</c>), and a break there
/// marks every book of the connection stale (see <c>IngressPipeline</c>); the Exchange level2 channel
/// guarantees delivery, so a new snapshot after reconnect is the resync. Updates therefore always apply.
/// </summary>
public sealed class CoinbaseBookRules : IBookSyncRules
{
    public static readonly CoinbaseBookRules Instance = new();

    public bool SnapshotFromStream => true;

    public UpdateCheck CheckUpdate(long bookUpdateId, long firstId, long lastId) => UpdateCheck.Apply;

    public long NextUpdateId(long bookUpdateId, long firstId, long lastId) => lastId != 0 ? lastId : bookUpdateId;

    public bool IsSnapshotTooOld(long snapshotId, long firstBufferedFirstId) => false;

    public bool Verify(OrderBook book, int checksum) => true;
}

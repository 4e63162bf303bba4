namespace TBot.Persistence.Postgres.History;

/// <summary>One journal stored by <see cref="HistoryDayStore"/>: the checkpoint before and after, the records read
/// and the market_data rows written (0 and 0 when everything was stored before).</summary>
public sealed record HistoryDayStoreResult(string Checkpoint, long FromPosition, long ToPosition, long Records, long Rows, int Batches);

namespace TBot.Persistence.Postgres.History;

/// <summary>What a retention pass removed: whole day partitions, and rows older than the cutoff that sat in the
/// DEFAULT partition.</summary>
public sealed record RetentionResult(IReadOnlyList<string> DroppedPartitions, long DefaultRowsDeleted);

namespace TBot.Persistence.Postgres.Warm;

/// <summary>What one projection call applied.</summary>
/// <param name="FirstPosition">First journal position read (0 when nothing was read).</param>
/// <param name="LastPosition">Last journal position applied (the checkpoint written), 0 when nothing was read.</param>
public sealed record ProjectionResult(long FirstPosition, long LastPosition, long RecordsRead, long DecisionsApplied, int Batches);

namespace TBot.Persistence.Postgres;

/// <summary>A row of <c>projection_checkpoints</c>: the last journal position a projection applied.</summary>
public sealed record ProjectionCheckpoint(string Projection, long Position, DateTime UpdatedUtc);

using Npgsql;

namespace TBot.Persistence.Postgres.Warm;

/// <summary>The database refused a projected batch (a constraint, a missing referenced row): names the journal
/// range and the constraint so the operator can find the record that caused it.</summary>
public sealed class ProjectionWriteException(string projection, long firstPosition, long lastPosition, PostgresException inner)
    : Exception($"Projection '{projection}' could not write journal positions {firstPosition}..{lastPosition}: " +
                $"{inner.SqlState} {inner.MessageText}" +
                (inner.ConstraintName is null ? "" : $" (constraint {inner.ConstraintName} on {inner.TableName})") +
                (inner.Detail is null ? "" : $"; {inner.Detail}"), inner)
{
    public string Projection { get; } = projection;
    public long FirstPosition { get; } = firstPosition;
    public long LastPosition { get; } = lastPosition;
    public string SqlState => ((PostgresException)InnerException!).SqlState;
}

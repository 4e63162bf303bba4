namespace TBot.Host.Bus;

/// <summary>
/// Projection lag in time, from polls: each poll notes the journal's end position and when it was first seen; the
/// lag is the age of the oldest noted end the projection has not applied yet, i.e. how long the oldest unapplied
/// record has been waiting (a lower bound, exact to the poll interval). Not thread-safe: one poller owns it.
/// </summary>
public sealed class ProjectionLagClock(int maxSamples = 4096)
{
    private readonly Queue<(long End, DateTimeOffset SeenAt)> _samples = new();

    /// <summary>Note the journal end and the projection's applied position at <paramref name="now"/>; returns the lag.</summary>
    public TimeSpan Observe(long journalEnd, long applied, DateTimeOffset now)
    {
        // Keep the oldest samples when full: the front is what the lag is measured from.
        if (journalEnd > _lastEnd && _samples.Count < maxSamples)
        {
            _samples.Enqueue((journalEnd, now));
            _lastEnd = journalEnd;
        }
        while (_samples.Count > 0 && _samples.Peek().End <= applied) _samples.Dequeue();
        return _samples.Count == 0 ? TimeSpan.Zero : now - _samples.Peek().SeenAt;
    }

    /// <summary>When the oldest unapplied record was first seen (null when caught up).</summary>
    public DateTimeOffset? Since => _samples.Count == 0 ? null : _samples.Peek().SeenAt;

    private long _lastEnd;
}

namespace TBot.Adapters.Connections;

/// <summary>Settings of a <see cref="SnapshotFetcher"/>.</summary>
public sealed class SnapshotFetcherOptions
{
    /// <summary>At most one fetch per instrument per this interval (a snapshot that keeps failing to splice
    /// cannot burn the weight budget).</summary>
    public TimeSpan MinInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Delays before refetching after a failed fetch (error status or transport failure).</summary>
    public BackoffPolicy RetryBackoff { get; set; } = new(TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1), TimeSpan.Zero);
}

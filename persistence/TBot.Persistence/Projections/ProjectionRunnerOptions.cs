namespace TBot.Persistence.Projections;

public sealed class ProjectionRunnerOptions
{
    /// <summary>First retry wait after a store error.</summary>
    public TimeSpan RetryInitial { get; init; } = TimeSpan.FromMilliseconds(50);

    /// <summary>Longest retry wait: bounds how long after a store's return the projection notices it.</summary>
    public TimeSpan RetryMax { get; init; } = TimeSpan.FromSeconds(5);
}

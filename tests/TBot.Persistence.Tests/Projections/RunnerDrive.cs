using TBot.Persistence.Projections;

namespace TBot.Persistence.Tests.Projections;

/// <summary>Drives a <see cref="ProjectionRunner"/> over a tail until it has applied a journal's last position (bounded
/// wait, no timing assertion), stops it and checks it ended by cancellation, not by an error.</summary>
internal static class RunnerDrive
{
    public static async Task<ProjectionRunner> UntilAsync(IProjection projection, JournalTail tail, long lastPosition, TimeSpan limit)
    {
        var runner = new ProjectionRunner(projection, tail);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var run = runner.RunAsync(stop.Token);
        var deadline = DateTime.UtcNow + limit;
        while (runner.Applied < lastPosition && DateTime.UtcNow < deadline && !run.IsCompleted)
            await Task.Delay(20, TestContext.Current.CancellationToken);
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        return runner;
    }
}

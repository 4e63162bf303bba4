using Microsoft.Extensions.Hosting;

namespace TBot.Host.Hosting;

/// <summary>
/// The host's lifetime when <see cref="Commands.ShutdownSignal"/> already owns SIGTERM, Ctrl-C and <c>--duration</c>:
/// the console lifetime would also catch the signals and stop the host on its own timetable, while the engine's stop
/// (intake, open orders, ring, journal, projections) is a sequence the run drives itself and reports in its exit code.
/// </summary>
public sealed class ExternalStopLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using TBot.Host.Running;

namespace TBot.Host.Hosting;

/// <summary>
/// <see cref="EngineRun"/> as the Generic Host's hosted service: one run, from start to summary. The run stops on
/// <see cref="EngineRunRequest.Stop"/> (signals, duration) or the host stopping; its outcome (the summary, or the
/// problems that kept it from starting) is handed back through <see cref="Completion"/> rather than thrown into the
/// host, so the command keeps its exit codes.
/// </summary>
public sealed class EngineRunService(EngineRunRequest request, ILoggerFactory loggers, SystemdReadiness readiness, IHostApplicationLifetime lifetime) : BackgroundService
{
    private readonly TaskCompletionSource<RunSummary> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<RunSummary> Completion => _completion.Task;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(request.Stop, stoppingToken);
        try
        {
            var summary = await new EngineRun(loggers).RunAsync(request.Settings with { Lifecycle = readiness }, stop.Token).ConfigureAwait(false);
            _completion.TrySetResult(summary);
        }
        catch (Exception ex)
        {
            _completion.TrySetException(ex);
        }
        finally
        {
            lifetime.StopApplication();
        }
    }
}

/// <summary>What the hosted run does: the settings and the caller's stop token.</summary>
public sealed record EngineRunRequest(EngineRun.Settings Settings, CancellationToken Stop);

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Systemd;
using Microsoft.Extensions.Logging;
using TBot.Host.Running;

namespace TBot.Host.Hosting;

/// <summary>
/// <c>tbot run</c> inside a Microsoft.Extensions.Hosting Generic Host: the run is a hosted service
/// (<see cref="EngineRunService"/>), the command's logger factory is the host's, and systemd's notify protocol
/// (<see cref="ISystemdNotifier"/>) is a service the run uses to say READY=1 once it trades and STOPPING=1 when it
/// stops. The command line, the summary and the exit codes stay the command's.
/// </summary>
public static class EngineHost
{
    public static async Task<RunSummary> RunAsync(EngineRun.Settings settings, ILoggerFactory loggers, CancellationToken stop)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { ApplicationName = "tbot", DisableDefaults = true });
        builder.Services.AddSingleton(loggers);
        builder.Services.AddSingleton<IHostLifetime, ExternalStopLifetime>();
        builder.Services.AddSingleton<ISystemdNotifier, SystemdNotifier>();
        builder.Services.AddSingleton(sp => new SystemdReadiness(sp.GetRequiredService<ISystemdNotifier>(), loggers.CreateLogger("tbot.systemd")));
        builder.Services.AddSingleton(new EngineRunRequest(settings, stop));
        builder.Services.AddSingleton<EngineRunService>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<EngineRunService>());
        using var host = builder.Build();
        var service = host.Services.GetRequiredService<EngineRunService>();
        await host.StartAsync(CancellationToken.None).ConfigureAwait(false);
        try
        {
            return await service.Completion.ConfigureAwait(false);
        }
        finally
        {
            // The run has ended (or never started): stopping the host only disposes what it holds.
            await host.StopAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }
}

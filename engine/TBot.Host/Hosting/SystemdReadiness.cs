using Microsoft.Extensions.Hosting.Systemd;
using Microsoft.Extensions.Logging;

namespace TBot.Host.Hosting;

/// <summary>
/// <c>Type=notify</c> for systemd: READY=1 once the engine trades (not merely once the process started: a unit that
/// depends on tbot then starts after the state was rebuilt from the journal and reconciled) and STOPPING=1 when the
/// graceful stop begins. A no-op when NOTIFY_SOCKET is not set (not under systemd).
/// </summary>
public sealed class SystemdReadiness(ISystemdNotifier notifier, ILogger log) : IRunLifecycle
{
    public SystemdReadiness(ILogger log) : this(new SystemdNotifier(), log)
    {
    }

    public bool Enabled => notifier.IsEnabled;

    public void Trading() => Notify(ServiceState.Ready, "READY=1");

    public void Stopping() => Notify(ServiceState.Stopping, "STOPPING=1");

    private void Notify(ServiceState state, string what)
    {
        if (!notifier.IsEnabled) return;
        try
        {
            notifier.Notify(state);
            log.LogInformation("systemd notified: {State}", what);
        }
        catch (Exception ex) when (ex is System.Net.Sockets.SocketException or IOException)
        {
            // A notification systemd did not take must not stop the engine; systemd's own timeouts handle it.
            log.LogWarning("systemd notification {State} failed: {Reason}", what, ex.Message);
        }
    }
}

namespace TBot.Host.Hosting;

/// <summary>Moments of a run the host tells the outside world about (systemd readiness, for one).</summary>
public interface IRunLifecycle
{
    /// <summary>The engine is wired, trading is enabled and market data is flowing in.</summary>
    void Trading();

    /// <summary>A graceful stop began (signal, duration or fault).</summary>
    void Stopping();
}

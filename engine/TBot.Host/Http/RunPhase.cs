namespace TBot.Host.Http;

/// <summary>Where a run is in its life, as the HTTP endpoints report it.</summary>
public enum RunPhase
{
    /// <summary>Connecting, rebuilding from the journal: nothing to observe yet.</summary>
    Starting,
    /// <summary>Wired: market data, ring, trading and journal are running.</summary>
    Running,
    /// <summary>Intake closed, the ring draining, the journal being closed.</summary>
    Stopping,
}

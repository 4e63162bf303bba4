namespace TBot.Host.Alerts;

/// <summary>Alert rule names (stable: they are in webhook payloads and log queries).</summary>
public static class AlertRules
{
    public const string VenueDisconnected = "venue_disconnected";
    public const string KillSwitch = "kill_switch";
    public const string ProjectionLag = "projection_lag";
    public const string ChainFaulted = "chain_faulted";
}

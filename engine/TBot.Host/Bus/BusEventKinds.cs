namespace TBot.Host.Bus;

/// <summary>The kinds of events the run publishes (stable names: log queries, dashboards and webhooks key on them).</summary>
public static class BusEventKinds
{
    // Bots: started/stopped by the run, the rest from journaled control and kill-switch decisions.
    public const string BotStarted = "bot.started";
    public const string BotStopped = "bot.stopped";
    public const string BotPaused = "bot.paused";
    public const string BotResumed = "bot.resumed";
    public const string BotKilled = "bot.killed";
    public const string BotFlattened = "bot.flattened";
    public const string BotCancelAll = "bot.cancel_all";
    public const string BotRiskLimitChanged = "bot.risk_limit_changed";
    public const string TradingEnabled = "trading.enabled";
    public const string TradingDisabled = "trading.disabled";

    /// <summary>A control action accepted by the HTTP API and published on the ring (the journal's applied
    /// control event follows as one of the kinds above).</summary>
    public const string ControlRequested = "control.requested";

    public const string OrderState = "order.state";
    public const string KillSwitch = "risk.kill_switch";
    /// <summary>Risk rejections of one journal batch, summarised per bot (count by reason).</summary>
    public const string RiskRejections = "risk.rejections";

    public const string VenueUp = "venue.up";
    public const string VenueDown = "venue.down";
    public const string ConnectionState = "venue.connection";
    public const string BookState = "book.state";
    public const string Resync = "venue.resync";

    public const string ProjectionLag = "projection.lag";
    public const string ProjectionCaughtUp = "projection.caught_up";
    public const string ProjectionFailed = "projection.failed";
    public const string ChainFaulted = "chain.faulted";

    public const string AlertFired = "alert.fired";
    public const string AlertResolved = "alert.resolved";
}

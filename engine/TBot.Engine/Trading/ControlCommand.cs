namespace TBot.Engine.Trading;

/// <summary>Commands carried by <see cref="Events.MarketEventKind.Control"/> events. Values are stable (journaled).</summary>
public enum ControlCommand : byte
{
    None = 0,
    /// <summary>Strategies may trade (sent once start-up rebuild and reconciliation are done).</summary>
    EnableTrading = 1,
    /// <summary>Strategies may not trade (the first event of a restarted run, before reconciliation).</summary>
    DisableTrading = 2,
    /// <summary>Operator pause of one bot (its strategy stops; open orders stay).</summary>
    PauseBot = 3,
    /// <summary>Operator resume of one bot (also clears a kill switch).</summary>
    ResumeBot = 4,
    /// <summary>Operator kill switch: cancel all the bot's orders and halt it.</summary>
    KillBot = 5,
    /// <summary>Change one risk limit of a bot (<see cref="RiskLimitField"/> in the event, new value in Price).</summary>
    SetRiskLimit = 6,
    /// <summary>Cancel all open orders of one bot (0 = all bots), e.g. at shutdown by policy.</summary>
    CancelAll = 7,
    /// <summary>Operator flatten of one bot: cancel its open orders, then one market IOC order per instrument that
    /// brings its position to zero (risk checks it as reduce-only, see <see cref="Risk.RiskManager.CheckFlatten"/>).
    /// The bot's state is unchanged: pause or kill it first so its strategy does not trade back in.</summary>
    FlattenBot = 8,
}

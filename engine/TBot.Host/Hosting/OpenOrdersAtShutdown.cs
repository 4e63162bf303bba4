using Microsoft.Extensions.Logging;
using TBot.Engine.Events;
using TBot.Engine.Ring;
using TBot.Engine.Trading;
using TBot.Host.Configuration;
using TBot.Host.Running;

namespace TBot.Host.Hosting;

/// <summary>
/// The open-orders step of a graceful stop, run after intake stopped and before the ring drains. Trading is disabled
/// first (no strategy requotes into the shutdown), then, by policy, one CancelAll for every bot goes onto the ring:
/// control events, so they are journaled and a replay or restart sees the same cancels. The timer keeps running
/// meanwhile, so paper cancels (due at engine time + latency) land; live cancels land when the venue answers.
/// </summary>
public sealed class OpenOrdersAtShutdown(ShutdownConfig config, ILogger log)
{
    public int AtStop { get; private set; }

    public bool? Completed { get; private set; }

    public async Task RunAsync(RingBuffer<MarketEvent> ring, TradingSession session)
    {
        var orders = session.Core.Orders;
        AtStop = orders.OpenOrders;
        TradingSession.Publish(ring, ControlCommand.DisableTrading);
        if (config.OpenOrders != ShutdownConfig.Cancel)
        {
            log.LogInformation("Shutdown: keeping {Open} open order(s) (shutdown.openOrders = keep)", AtStop);
            return;
        }
        TradingSession.Publish(ring, ControlCommand.CancelAll, botId: 0);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(config.CancelWaitSeconds);
        // OpenOrders is written by the trading thread only; a read here may be a moment behind, never torn.
        while (orders.OpenOrders > 0 && DateTime.UtcNow < deadline)
            await Task.Delay(20).ConfigureAwait(false);
        Completed = orders.OpenOrders == 0;
        if (Completed == true) log.LogInformation("Shutdown: cancelled {Open} open order(s)", AtStop);
        else log.LogError("Shutdown: {Left} of {Open} open order(s) still open after {Seconds} s (shutdown.cancelWaitSeconds)", orders.OpenOrders, AtStop, config.CancelWaitSeconds);
    }
}

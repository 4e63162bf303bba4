using TBot.Host.Bus;

namespace TBot.Host.Dashboard;

/// <summary>
/// The seed's "WebSocket manager" as a bus subscriber: every control-plane event (bot state, order state changes, risk
/// breaches, connections, resyncs, alerts, control actions; peers' too when mirrored over Redis) goes to the dashboard's
/// clients as an <c>event</c> message. Appending never waits (each client's outbox is bounded), so this subscriber
/// never falls behind the bus; the bus's idempotency window keeps a re-delivered event from being shown twice.
/// </summary>
public static class BusFeedSubscriber
{
    public const string Name = "websocket";

    public static BusSubscription Attach(EventBus bus, DashboardFeed feed) => bus.Subscribe(Name, (e, _) =>
    {
        feed.Append("event", new { kind = e.Kind, key = e.Key, id = e.IdempotencyKey, source = e.Source, time = e.Time, data = e.Data, remote = e.Remote });
        return ValueTask.CompletedTask;
    });
}

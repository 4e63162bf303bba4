using System.Collections.Concurrent;
using Microsoft.Extensions.Logging.Abstractions;
using TBot.Host.Alerts;
using TBot.Host.Bus;
using static TBot.Host.Tests.Bus.BusTestKit;

namespace TBot.Host.Tests.Alerts;

/// <summary>The alert rules on a hand-moved clock: once per episode, then resolved.</summary>
public sealed class AlertEngineTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    private static (EventBus Bus, AlertEngine Engine, ManualClock Clock, ConcurrentQueue<BusEvent> Published) Setup(AlertOptions? options = null)
    {
        var bus = NewBus("alerts01");
        var clock = new ManualClock(T0);
        var engine = new AlertEngine(bus, options ?? new AlertOptions(), clock, NullLogger.Instance);
        var published = new ConcurrentQueue<BusEvent>();
        bus.Subscribe("probe", (e, _) => { if (e.Kind.StartsWith("alert.", StringComparison.Ordinal)) published.Enqueue(e); return ValueTask.CompletedTask; });
        return (bus, engine, clock, published);
    }

    private static BusEvent Venue(EventBus bus, string kind, DateTimeOffset at, int n) =>
        bus.Create(kind, "venue:binance", $"v{n}", at, new() { ["venue"] = "binance", ["connections"] = "1=backoff" });

    [Fact]
    public async Task A_venue_down_for_31_seconds_fires_once_and_reconnecting_resolves_it()
    {
        var (bus, engine, clock, published) = Setup();
        await using var _ = bus;
        engine.OnEvent(Venue(bus, BusEventKinds.VenueDown, T0, 1));
        clock.Advance(TimeSpan.FromSeconds(29));
        engine.Tick();
        Assert.Empty(engine.Raised);
        clock.Advance(TimeSpan.FromSeconds(2)); // 31 s down
        engine.Tick();
        clock.Advance(TimeSpan.FromSeconds(10));
        engine.Tick();                          // still down: no second alert in the same episode
        engine.OnEvent(Venue(bus, BusEventKinds.VenueDown, clock.GetUtcNow(), 2)); // a repeated "down" changes nothing
        var fired = Assert.Single(engine.Raised);
        Assert.Equal((AlertRules.VenueDisconnected, "firing", "venue:binance", "warning"), (fired.Rule, fired.Status, fired.Subject, fired.Severity));
        Assert.Equal(T0, fired.Since);
        Assert.Equal(T0.AddSeconds(31), fired.Time);

        clock.Advance(TimeSpan.FromSeconds(1));
        engine.OnEvent(Venue(bus, BusEventKinds.VenueUp, clock.GetUtcNow(), 3));
        Assert.Equal(2, engine.Raised.Count);
        var resolved = engine.Raised[1];
        Assert.Equal(("resolved", fired.Episode), (resolved.Status, resolved.Episode));
        Assert.NotEqual(fired.IdempotencyKey, resolved.IdempotencyKey);
        await Until(() => published.Count == 2, () => $"{published.Count} alert events on the bus");
        Assert.Equal([BusEventKinds.AlertFired, BusEventKinds.AlertResolved], published.Select(e => e.Kind).ToArray());

        // A short blip (down 5 s) never fires; the next long outage is a new episode.
        engine.OnEvent(Venue(bus, BusEventKinds.VenueDown, clock.GetUtcNow(), 4));
        clock.Advance(TimeSpan.FromSeconds(5));
        engine.OnEvent(Venue(bus, BusEventKinds.VenueUp, clock.GetUtcNow(), 5));
        engine.OnEvent(Venue(bus, BusEventKinds.VenueDown, clock.GetUtcNow(), 6));
        clock.Advance(TimeSpan.FromSeconds(31));
        engine.Tick();
        Assert.Equal(3, engine.Raised.Count);
        Assert.Equal(fired.Episode + 1, engine.Raised[2].Episode);
    }

    [Fact]
    public async Task Thresholds_come_from_the_options()
    {
        var (bus, engine, clock, _) = Setup(new AlertOptions { DisconnectedSeconds = 5 });
        await using var _ = bus;
        engine.OnEvent(Venue(bus, BusEventKinds.VenueDown, T0, 1));
        clock.Advance(TimeSpan.FromSeconds(6));
        engine.Tick();
        Assert.Single(engine.Raised);
    }

    [Fact]
    public async Task Kill_switch_fires_at_once_and_resolves_when_the_bot_is_resumed()
    {
        var (bus, engine, clock, _) = Setup();
        await using var _ = bus;
        var kill = bus.Create(BusEventKinds.KillSwitch, "bot:2", "k1", T0, new() { ["bot"] = "2", ["bot_name"] = "mr", ["cause"] = "daily_loss_limit", ["pnl"] = "-300" });
        engine.OnEvent(kill);
        engine.OnEvent(kill with { IdempotencyKey = "k2" }); // fired again while halted: same episode
        var fired = Assert.Single(engine.Raised);
        Assert.Equal((AlertRules.KillSwitch, "error", "bot:2"), (fired.Rule, fired.Severity, fired.Subject));
        Assert.Contains("daily_loss_limit", fired.Message);
        engine.OnEvent(bus.Create(BusEventKinds.BotResumed, "bot:2", "r1", clock.GetUtcNow(), new() { ["bot"] = "2" }));
        Assert.Equal("resolved", engine.Raised[^1].Status);
    }

    [Fact]
    public async Task Projection_lag_fires_past_the_threshold_measured_from_the_oldest_unapplied_record()
    {
        var (bus, engine, clock, _) = Setup();
        await using var _ = bus;
        BusEvent Lag(DateTimeOffset since, int n) => bus.Create(BusEventKinds.ProjectionLag, "projection:redis-hot", $"l{n}", clock.GetUtcNow(),
            new() { ["projection"] = "redis-hot", ["lag_s"] = "x", ["lag_events"] = "100", ["since"] = since.ToString("O") });
        clock.Advance(TimeSpan.FromSeconds(2));
        engine.OnEvent(Lag(T0, 1));
        clock.Advance(TimeSpan.FromSeconds(7));
        engine.Tick();                      // 9 s behind
        Assert.Empty(engine.Raised);
        clock.Advance(TimeSpan.FromSeconds(2));
        engine.Tick();                      // 11 s behind
        Assert.Equal(AlertRules.ProjectionLag, Assert.Single(engine.Raised).Rule);
        engine.OnEvent(bus.Create(BusEventKinds.ProjectionCaughtUp, "projection:redis-hot", "c1", clock.GetUtcNow(), new() { ["projection"] = "redis-hot" }));
        Assert.Equal("resolved", engine.Raised[^1].Status);
    }

    [Fact]
    public async Task Chain_faulted_fires_once_and_remote_events_are_ignored()
    {
        var (bus, engine, _, _) = Setup();
        await using var _ = bus;
        var remote = bus.Create(BusEventKinds.KillSwitch, "bot:1", "peer", T0) with { Source = "peer0001", Remote = true };
        engine.OnEvent(remote);
        Assert.Empty(engine.Raised);
        var fault = bus.Create(BusEventKinds.ChainFaulted, "engine", "f1", T0, new() { ["error"] = "disk full" });
        engine.OnEvent(fault);
        engine.OnEvent(fault with { IdempotencyKey = "f2" });
        var fired = Assert.Single(engine.Raised);
        Assert.Equal((AlertRules.ChainFaulted, "error"), (fired.Rule, fired.Severity));
        Assert.Contains("disk full", fired.Message);
    }
}

using System.Diagnostics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using TBot.Host.Http;

namespace TBot.Host.Dashboard;

/// <summary>
/// The feed's timer: every <see cref="TickMs"/> on the thread pool, the builder publishes what changed and is due and the
/// sampler publishes venues and stats. Waits for the engine to be wired (<see cref="RunView.Parts"/>). An error in one
/// tick is logged (at most once a minute) and the next tick tries again: the dashboard never stops the run.
/// </summary>
public sealed class DashboardFeedService(DashboardFeed feed, RunView view, ILogger<DashboardFeedService> log) : BackgroundService
{
    public const int TickMs = 50;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(TickMs));
        var stats = new RunStatsSampler(feed, view);
        FeedBuilder? builder = null;
        Bus.BusSubscription? events = null;
        var clock = Stopwatch.StartNew();
        var lastError = TimeSpan.MinValue;
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                try
                {
                    if (builder is null && view.Parts is { Dashboard: { } dashboard } parts)
                        builder = new FeedBuilder(feed, dashboard.Projection, [.. parts.Session.Core.Bots.Select(b => (b.BotId, b.Name, b.Strategy.Name))]);
                    if (events is null && view.Parts is { Bus: { } bus }) events = BusFeedSubscriber.Attach(bus, feed);
                    var now = clock.ElapsedMilliseconds;
                    builder?.Tick(now);
                    stats.Tick(now);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    if (clock.Elapsed - lastError > TimeSpan.FromMinutes(1))
                    {
                        lastError = clock.Elapsed;
                        log.LogWarning(ex, "The dashboard feed could not build an update; retrying");
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The server is stopping.
        }
    }
}

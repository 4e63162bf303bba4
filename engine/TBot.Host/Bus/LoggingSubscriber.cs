using Microsoft.Extensions.Logging;

namespace TBot.Host.Bus;

/// <summary>Logs every bus event, structured (kind, key, source, id and the data as one property): order state
/// changes at debug (they are many), breaches and failures at warning, the rest at information.</summary>
public static class LoggingSubscriber
{
    public const string Name = "logging";

    public static BusSubscription Attach(EventBus bus, ILogger log) => bus.Subscribe(Name, (e, _) =>
    {
        var level = LevelOf(e);
        if (log.IsEnabled(level))
            log.Log(level, "Bus {Kind} [{Key}] {Data} (source {Source}{Remote}, id {Id})",
                e.Kind, e.Key, string.Join(" ", e.Data.Select(kv => $"{kv.Key}={kv.Value}")), e.Source, e.Remote ? ", remote" : "", e.IdempotencyKey);
        return ValueTask.CompletedTask;
    });

    private static LogLevel LevelOf(BusEvent e) => e.Kind switch
    {
        BusEventKinds.OrderState or BusEventKinds.BookState or BusEventKinds.ConnectionState or BusEventKinds.ProjectionLag => LogLevel.Debug,
        BusEventKinds.KillSwitch or BusEventKinds.BotKilled or BusEventKinds.VenueDown or BusEventKinds.ProjectionFailed => LogLevel.Warning,
        BusEventKinds.ChainFaulted => LogLevel.Error,
        // Alerts log themselves when they fire (AlertEngine); here they are just another event.
        _ => LogLevel.Information,
    };
}

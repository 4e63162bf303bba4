using System.Globalization;
using TBot.Engine.Instruments;
using TBot.Engine.Journal;
using TBot.Engine.Orders;
using TBot.Engine.Risk;
using TBot.Engine.Trading;
using TBot.Persistence.Projections;

namespace TBot.Host.Bus;

/// <summary>
/// The bus's journal source: a projection (run by a <see cref="ProjectionRunner"/> on the thread pool) that turns
/// journaled decisions into bus events: control commands (bot paused/resumed/killed/flattened, trading
/// enabled/disabled, risk limit changes), kill switches, order state changes, and risk rejections summarised per
/// bot and batch. Reading the journal keeps the bus off the ring threads, and each event's idempotency key is its
/// journal position, so applying a range again re-delivers events that subscribers then skip. The checkpoint is
/// held in memory from the position the run started at: events of earlier runs are not announced again.
/// </summary>
public sealed class JournalBusProjection(EventBus bus, InstrumentRegistry instruments, IReadOnlyDictionary<int, string> botNames, long startPosition) : IProjection
{
    private long _checkpoint = startPosition;

    public string Name => $"bus:{bus.Source}";

    public Task<long> LoadCheckpointAsync(CancellationToken cancellationToken) => Task.FromResult(Volatile.Read(ref _checkpoint));

    public Task ApplyAsync(JournalBatch batch, CancellationToken cancellationToken)
    {
        Dictionary<int, SortedDictionary<string, int>>? rejections = null;
        foreach (ref readonly var record in batch.Records)
        {
            if (record.Type != JournalRecordType.Decision) continue;
            ref readonly var d = ref batch.Decision(in record);
            switch (d.Kind)
            {
                case DecisionKind.Control:
                    Publish(ControlKind((ControlCommand)d.Reason), record.Position, in d, new()
                    {
                        ["command"] = CommandName((ControlCommand)d.Reason),
                        ["sequence"] = Text(d.Sequence),
                    });
                    break;
                case DecisionKind.KillSwitch:
                    Publish(BusEventKinds.KillSwitch, record.Position, in d, new()
                    {
                        ["cause"] = KillSwitchCauses.Name((KillSwitchCause)d.Reason),
                        ["pnl"] = Money.ToDecimal(d.Value2).ToString(CultureInfo.InvariantCulture),
                    });
                    break;
                case DecisionKind.OrderStatusChanged:
                    Publish(BusEventKinds.OrderState, record.Position, in d, new()
                    {
                        ["order"] = Text(d.ClientOrderId),
                        ["instrument"] = InstrumentKey(d.InstrumentId),
                        ["from"] = d.FromStatus.ToString(),
                        ["to"] = d.ToStatus.ToString(),
                    });
                    break;
                case DecisionKind.RiskRejected:
                    rejections ??= new();
                    if (!rejections.TryGetValue(d.BotId, out var byReason)) rejections[d.BotId] = byReason = new(StringComparer.Ordinal);
                    var reason = RiskRejectReasons.Name((RiskRejectReason)d.Reason);
                    byReason[reason] = byReason.GetValueOrDefault(reason) + 1;
                    break;
            }
        }
        if (rejections is not null)
        {
            var time = DateTimeOffset.FromUnixTimeMilliseconds(batch.Records[^1].TimeNs / 1_000_000);
            foreach (var (bot, byReason) in rejections)
            {
                var data = BotData(bot);
                foreach (var (reason, n) in byReason) data[reason] = Text(n);
                bus.Publish(bus.Create(BusEventKinds.RiskRejections, $"bot:{bot}", $"{bus.Source}:{batch.FirstPosition}-{batch.LastPosition}:rejections:{bot}", time, data));
            }
        }
        Volatile.Write(ref _checkpoint, batch.LastPosition);
        return Task.CompletedTask;
    }

    private void Publish(string kind, long position, in DecisionRecord d, Dictionary<string, string> data)
    {
        foreach (var (k, v) in BotData(d.BotId)) data[k] = v;
        var key = d.BotId == 0 ? "engine" : $"bot:{d.BotId}";
        bus.Publish(bus.Create(kind, key, $"{bus.Source}:{position}", DateTimeOffset.FromUnixTimeMilliseconds(d.TimeNs / 1_000_000), data));
    }

    private Dictionary<string, string> BotData(int bot)
    {
        var data = new Dictionary<string, string>(StringComparer.Ordinal) { ["bot"] = Text(bot) };
        if (botNames.TryGetValue(bot, out var name)) data["bot_name"] = name;
        return data;
    }

    private string InstrumentKey(int id) => instruments.TryGet(id, out var i) ? i.Key : Text(id);

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);

    public static string ControlKind(ControlCommand command) => command switch
    {
        ControlCommand.EnableTrading => BusEventKinds.TradingEnabled,
        ControlCommand.DisableTrading => BusEventKinds.TradingDisabled,
        ControlCommand.PauseBot => BusEventKinds.BotPaused,
        ControlCommand.ResumeBot => BusEventKinds.BotResumed,
        ControlCommand.KillBot => BusEventKinds.BotKilled,
        ControlCommand.FlattenBot => BusEventKinds.BotFlattened,
        ControlCommand.CancelAll => BusEventKinds.BotCancelAll,
        ControlCommand.SetRiskLimit => BusEventKinds.BotRiskLimitChanged,
        _ => "control.unknown",
    };

    /// <summary>Operator-facing names, as in <c>--control</c> lines and the HTTP API.</summary>
    public static string CommandName(ControlCommand command) => command switch
    {
        ControlCommand.EnableTrading => "enable-trading",
        ControlCommand.DisableTrading => "disable-trading",
        ControlCommand.PauseBot => "pause",
        ControlCommand.ResumeBot => "resume",
        ControlCommand.KillBot => "kill",
        ControlCommand.FlattenBot => "flatten",
        ControlCommand.CancelAll => "cancel-all",
        ControlCommand.SetRiskLimit => "set",
        _ => ((int)command).ToString(CultureInfo.InvariantCulture),
    };
}

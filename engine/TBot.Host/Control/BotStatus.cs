using System.Globalization;
using System.Text.Json.Serialization;
using TBot.Engine.Numerics;
using TBot.Engine.Risk;
using TBot.Engine.Trading;

namespace TBot.Host.Control;

/// <summary>One bot as <c>GET /api/bots</c> shows it. Read from another thread than the trading one: each value is
/// a single word the trading thread writes, so it may be a moment behind but is never torn.</summary>
public sealed record BotStatus
{
    [JsonPropertyName("id")] public int Id { get; init; }

    [JsonPropertyName("name")] public string Name { get; init; } = "";

    [JsonPropertyName("strategy")] public string Strategy { get; init; } = "";

    /// <summary><c>active</c>, <c>paused</c> or <c>killed</c> (operator kill or kill switch).</summary>
    [JsonPropertyName("state")] public string State { get; init; } = "";

    /// <summary>Why a killed bot was halted (<c>manual</c>, <c>daily_loss_limit</c>, <c>max_drawdown</c>); null otherwise.</summary>
    [JsonPropertyName("halt_cause")] public string? HaltCause { get; init; }

    [JsonPropertyName("open_orders")] public int OpenOrders { get; init; }

    /// <summary>Instrument → position quantity (exact decimal), for instruments the bot ever traded.</summary>
    [JsonPropertyName("positions")] public SortedDictionary<string, string> Positions { get; init; } = new(StringComparer.Ordinal);

    public static string StateName(BotRiskState state) => state switch
    {
        BotRiskState.Active => "active",
        BotRiskState.Paused => "paused",
        BotRiskState.Halted => "killed",
        _ => state.ToString().ToLowerInvariant(),
    };

    public static BotStatus Of(TradingCore core, BotInstance bot)
    {
        var state = core.Risk.State(bot.BotId);
        var portfolio = core.Orders.Portfolio;
        var positions = new SortedDictionary<string, string>(StringComparer.Ordinal);
        for (var i = 1; i < portfolio.InstrumentSlots; i++)
        {
            ref readonly var p = ref portfolio.Get(bot.BotId, i);
            if (p.Fills == 0) continue;
            var instrument = bot.Context.Instruments[i];
            positions[instrument.Key] = FixedPoint.ToDecimalString(p.Quantity, instrument.QuantityScale);
        }
        return new BotStatus
        {
            Id = bot.BotId,
            Name = bot.Name,
            Strategy = bot.Strategy.Name,
            State = StateName(state),
            HaltCause = state == BotRiskState.Halted ? KillSwitchCauses.Name(core.Risk.HaltCause(bot.BotId)) : null,
            OpenOrders = core.Orders.OpenOrderCount(bot.BotId, 0),
            Positions = positions,
        };
    }
}

using System.Globalization;
using System.Text.Json.Serialization;
using TBot.Engine.Numerics;
using TBot.Engine.Orders;
using TBot.Engine.Portfolio;
using TBot.Engine.Risk;
using TBot.Engine.Trading;

namespace TBot.Host.Trading;

/// <summary>The trading part of a run or replay summary: orders, fills, positions, PnL, risk, state hash.</summary>
public sealed record TradingReport
{
    /// <summary>Orders submitted (passed risk).</summary>
    [JsonPropertyName("orders")] public long Orders { get; init; }
    [JsonPropertyName("fills")] public long Fills { get; init; }
    [JsonPropertyName("open_orders")] public int OpenOrders { get; init; }
    /// <summary>bot → instrument → signed quantity (decimal text).</summary>
    [JsonPropertyName("positions")] public SortedDictionary<string, SortedDictionary<string, string>> Positions { get; init; } = [];
    [JsonPropertyName("pnl")] public SortedDictionary<string, BotPnl> Pnl { get; init; } = [];
    [JsonPropertyName("risk_rejections")] public SortedDictionary<string, long> RiskRejections { get; init; } = [];
    [JsonPropertyName("kill_switches")] public long KillSwitches { get; init; }
    [JsonPropertyName("reports_ignored")] public SortedDictionary<string, long> ReportsIgnored { get; init; } = [];
    [JsonPropertyName("trading_enabled")] public bool TradingEnabled { get; init; }
    [JsonPropertyName("state_hash")] public string StateHash { get; init; } = "";

    public static TradingReport From(TradingCore core)
    {
        var orders = core.Orders;
        var portfolio = orders.Portfolio;
        var instruments = core.Market;
        var positions = new SortedDictionary<string, SortedDictionary<string, string>>(StringComparer.Ordinal);
        var pnl = new SortedDictionary<string, BotPnl>(StringComparer.Ordinal);
        foreach (var bot in core.Bots)
        {
            var key = BotKey(bot);
            var perInstrument = new SortedDictionary<string, string>(StringComparer.Ordinal);
            long realised = 0, unrealised = 0, fees = 0;
            for (var i = 1; i < portfolio.InstrumentSlots; i++)
            {
                ref readonly var p = ref portfolio.Get(bot.BotId, i);
                if (p.Fills == 0) continue;
                var instrument = bot.Context.Instruments[i];
                perInstrument[instrument.Key] = FixedPoint.ToDecimalString(p.Quantity, instrument.QuantityScale);
                realised += p.RealizedPnl;
                fees += p.Fees;
                unrealised += portfolio.Unrealized(bot.BotId, i, PortfolioBook.Mark(core.Market, i));
            }
            positions[key] = perInstrument;
            pnl[key] = new BotPnl
            {
                Realised = Money.ToDecimal(realised),
                Unrealised = Money.ToDecimal(unrealised),
                Fees = Money.ToDecimal(fees),
                Total = Money.ToDecimal(realised + unrealised - fees),
                State = core.Risk.State(bot.BotId).ToString().ToLowerInvariant(),
            };
        }
        var ignored = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var reason in Enum.GetValues<ReportIgnoredReason>())
            if (reason != ReportIgnoredReason.None && orders.Counters.Ignored(reason) is var n and > 0) ignored[reason.ToString()] = n;
        return new TradingReport
        {
            Orders = orders.Counters.Submitted,
            Fills = orders.Counters.Fills,
            OpenOrders = orders.OpenOrders,
            Positions = positions,
            Pnl = pnl,
            RiskRejections = core.Risk.Counters.Snapshot(),
            KillSwitches = core.Counters.KillSwitches,
            ReportsIgnored = ignored,
            TradingEnabled = core.TradingEnabled,
            StateHash = StateHasher.Compute(orders, core.Market),
        };
    }

    public static string BotKey(BotInstance bot) => string.Create(CultureInfo.InvariantCulture, $"{bot.BotId}:{bot.Name}");
}

public sealed record BotPnl
{
    [JsonPropertyName("realised")] public decimal Realised { get; init; }
    [JsonPropertyName("unrealised")] public decimal Unrealised { get; init; }
    [JsonPropertyName("fees")] public decimal Fees { get; init; }
    [JsonPropertyName("total")] public decimal Total { get; init; }
    /// <summary>active, paused or halted.</summary>
    [JsonPropertyName("state")] public string State { get; init; } = "";
}

using Prometheus;
using TBot.Engine.Numerics;
using TBot.Engine.Orders;
using TBot.Engine.Portfolio;
using TBot.Engine.Risk;
using TBot.Host.Trading;

namespace TBot.Host.Http;

/// <summary>Orders, fills, positions and PnL per bot, risk rejections, kill switches. Set from the trading
/// thread's counters and portfolio at scrape time (each value one 64-bit word, possibly a moment behind).</summary>
public sealed class TradingMetrics(IMetricFactory metrics)
{
    private static readonly OrderStatus[] Statuses = Enum.GetValues<OrderStatus>();
    private static readonly RiskRejectReason[] RiskReasons = [.. Enum.GetValues<RiskRejectReason>().Where(r => r != RiskRejectReason.None)];
    private static readonly KillSwitchCause[] Causes = [.. Enum.GetValues<KillSwitchCause>().Where(c => (int)c != 0)];
    private static readonly BotRiskState[] States = Enum.GetValues<BotRiskState>();

    private readonly Counter _orders = metrics.CreateCounter("tbot_orders_submitted_total", "Orders submitted (passed risk).");
    private readonly Counter _transitions = metrics.CreateCounter("tbot_order_transitions_total", "Order state transitions, by the state entered.", ["status"]);
    private readonly Gauge _open = metrics.CreateGauge("tbot_orders_open", "Open orders.");
    private readonly Counter _fills = metrics.CreateCounter("tbot_fills_total", "Fills applied.");
    private readonly Counter _ignored = metrics.CreateCounter("tbot_order_reports_ignored_total", "Order reports refused (duplicate, late, overfill, unknown...).", ["reason"]);
    private readonly Gauge _enabled = metrics.CreateGauge("tbot_trading_enabled", "1 while trading is enabled.");
    private readonly Gauge _position = metrics.CreateGauge("tbot_position", "Signed position quantity per bot and instrument.", ["bot", "instrument"]);
    private readonly Gauge _pnl = metrics.CreateGauge("tbot_pnl", "PnL per bot in quote units: realised, unrealised (at mid), fees, total (realised + unrealised - fees).", ["bot", "component"]);
    private readonly Counter _accepted = metrics.CreateCounter("tbot_risk_accepted_total", "Intents that passed the pre-trade checks.", ["bot"]);
    private readonly Counter _rejections = metrics.CreateCounter("tbot_risk_rejections_total", "Intents refused by the pre-trade checks, by reason.", ["bot", "reason"]);
    private readonly Counter _kills = metrics.CreateCounter("tbot_kill_switches_total", "Kill switches fired, by cause.", ["bot", "cause"]);
    private readonly Gauge _state = metrics.CreateGauge("tbot_bot_state", "1 for a bot's current state (active, paused, halted).", ["bot", "state"]);

    public void Update(RunParts parts)
    {
        var core = parts.Session.Core;
        var orders = core.Orders;
        var counters = orders.Counters;
        _orders.IncTo(counters.Submitted);
        _fills.IncTo(counters.Fills);
        _open.Set(orders.OpenOrders);
        _enabled.Set(core.TradingEnabled ? 1 : 0);
        foreach (var s in Statuses)
            if (s != OrderStatus.New) _transitions.WithLabels(Snake(s.ToString())).IncTo(counters.EnteredStatus(s));
        foreach (var reason in Enum.GetValues<ReportIgnoredReason>())
            if (reason != ReportIgnoredReason.None) _ignored.WithLabels(Snake(reason.ToString())).IncTo(counters.Ignored(reason));

        var portfolio = orders.Portfolio;
        var risk = core.Risk;
        foreach (var bot in core.Bots)
        {
            var key = TradingReport.BotKey(bot);
            long realised = 0, unrealised = 0, fees = 0;
            for (var i = 1; i < portfolio.InstrumentSlots; i++)
            {
                ref readonly var p = ref portfolio.Get(bot.BotId, i);
                if (p.Fills == 0) continue;
                var instrument = bot.Context.Instruments[i];
                _position.WithLabels(key, instrument.Key).Set((double)FixedPoint.ToDecimal(p.Quantity, instrument.QuantityScale));
                realised += p.RealizedPnl;
                fees += p.Fees;
                unrealised += portfolio.Unrealized(bot.BotId, i, PortfolioBook.Mark(core.Market, i));
            }
            _pnl.WithLabels(key, "realised").Set((double)Money.ToDecimal(realised));
            _pnl.WithLabels(key, "unrealised").Set((double)Money.ToDecimal(unrealised));
            _pnl.WithLabels(key, "fees").Set((double)Money.ToDecimal(fees));
            _pnl.WithLabels(key, "total").Set((double)Money.ToDecimal(realised + unrealised - fees));
            _accepted.WithLabels(key).IncTo(risk.Counters.Accepted(bot.BotId));
            foreach (var reason in RiskReasons)
                _rejections.WithLabels(key, RiskRejectReasons.Name(reason)).IncTo(risk.Counters.Get(bot.BotId, reason));
            foreach (var cause in Causes)
                _kills.WithLabels(key, KillSwitchCauses.Name(cause)).IncTo(risk.Counters.KillSwitches(bot.BotId, cause));
            var state = risk.State(bot.BotId);
            foreach (var s in States) _state.WithLabels(key, s.ToString().ToLowerInvariant()).Set(s == state ? 1 : 0);
        }
    }

    // PartiallyFilled → partially_filled.
    private static string Snake(string name) => string.Concat(name.Select((ch, i) => i > 0 && char.IsUpper(ch) ? "_" + char.ToLowerInvariant(ch) : char.ToLowerInvariant(ch).ToString()));
}

using TBot.Engine.Execution.Paper;
using TBot.Engine.Instruments;
using TBot.Engine.Market;
using TBot.Engine.Orders;
using TBot.Engine.Portfolio;
using TBot.Engine.Risk;
using TBot.Engine.Strategy;
using TBot.Engine.Trading;

namespace TBot.Host.Trading;

/// <summary>
/// Builds a <see cref="TradingCore"/> from a <see cref="TradingProfile"/>: market view, portfolio, order
/// manager, strategies, risk limits and (for paper) the paper gateway. Used identically by <c>run</c>,
/// restart rebuild and <c>replay</c>, so they cannot drift apart.
/// </summary>
public static class TradingSetup
{
    /// <summary>Check a profile against the instruments; every problem at once.</summary>
    public static List<string> Validate(TradingProfile profile, InstrumentRegistry instruments)
    {
        var problems = new List<string>();
        if (profile.Execution.Mode is not ("paper" or "live")) problems.Add($"execution.mode: '{profile.Execution.Mode}' is not paper or live.");
        if (profile.Execution.Live.UnknownOrders is not ("adopt" or "cancel")) problems.Add($"execution.live.unknownOrders: '{profile.Execution.Live.UnknownOrders}' is not adopt or cancel.");
        if (profile.Execution.Paper.LatencyMs < 0) problems.Add("execution.paper.latencyMs: must be ≥ 0.");
        if (profile.Execution.Paper.MakerFeeBps is < -100 or > 1000 || profile.Execution.Paper.TakerFeeBps is < 0 or > 1000) problems.Add("execution.paper: fees must be within -100..1000 bps (maker) and 0..1000 bps (taker).");
        if (profile.TimerMs is < 1 or > 60_000) problems.Add("timerMs: must be 1..60000.");
        if (profile.Execution.Paper.BarSlippageTicks is < 0) problems.Add("execution.paper.barSlippageTicks: must be ≥ 0.");
        if (profile.Execution.Paper.BarVolumeFractionBps is < 1 or > 10_000) problems.Add("execution.paper.barVolumeFractionBps: must be 1..10000.");
        if (profile.Risk is { } risk)
            foreach (var p in risk.Validate(instruments)) problems.Add("risk: " + p);
        var ids = new HashSet<int>();
        foreach (var bot in profile.Bots)
        {
            var where = $"bots[{bot.Id}]";
            if (bot.Id is < 1 or > MaxBotId) problems.Add($"{where}: id must be 1..{MaxBotId}.");
            if (!ids.Add(bot.Id)) problems.Add($"{where}: duplicate bot id.");
            if (!StrategyFactory.IsKnown(bot.Strategy)) problems.Add($"{where}: unknown strategy '{bot.Strategy}' (known: {string.Join(", ", StrategyFactory.Names)}).");
            else
            {
                var strategyProblems = new List<string>();
                StrategyFactory.TryCreate(bot.Strategy, Math.Max(1, bot.Id), bot.Parameters, instruments, out _, strategyProblems);
                foreach (var p in strategyProblems) problems.Add($"{where}.parameters: {p}");
            }
            if (bot.Risk is { } r)
                foreach (var p in Merge(profile.Risk, r).Validate(instruments)) problems.Add($"{where}.risk: {p}");
        }
        return problems;
    }

    public const int MaxBotId = 63;

    /// <summary>Build the core. The gateway is the paper gateway in paper mode, else <paramref name="liveGateway"/>
    /// (or <see cref="NullGateway"/> when replaying).</summary>
    public static TradingCore Build(TradingProfile profile, InstrumentRegistry instruments, SwitchableDecisionLog decisions, IExecutionGateway? liveGateway)
    {
        var market = new MarketState(instruments);
        var portfolio = new PortfolioBook(instruments, MaxBotId);
        var orders = new OrderManager(instruments, portfolio, decisions);
        var intents = new IntentBuffer();
        var bots = new List<BotInstance>();
        foreach (var b in profile.Bots)
        {
            var problems = new List<string>();
            if (!StrategyFactory.TryCreate(b.Strategy, b.Id, b.Parameters, instruments, out var strategy, problems) || strategy is null)
                throw new ArgumentException($"bots[{b.Id}]: " + string.Join(" ", problems));
            var context = new StrategyContext(b.Id, market, instruments, orders, intents);
            bots.Add(new BotInstance(b.Id, b.Name ?? $"{b.Strategy}-{b.Id}", strategy, context));
        }
        var defaults = profile.Risk?.Resolve(instruments) ?? RiskLimits.Unlimited;
        var risk = new RiskManager(instruments, defaults, MaxBotId + 1);
        foreach (var b in profile.Bots)
            if (b.Risk is { } overrides) risk.SetLimits(b.Id, Merge(profile.Risk, overrides).Resolve(instruments));
        IExecutionGateway gateway = profile.Execution.Mode == "paper"
            ? new PaperGateway(instruments, market, new PaperGatewayOptions
            {
                LatencyNs = (long)(profile.Execution.Paper.LatencyMs * 1_000_000),
                MakerFeeBps = profile.Execution.Paper.MakerFeeBps,
                TakerFeeBps = profile.Execution.Paper.TakerFeeBps,
                QueuePosition = profile.Execution.Paper.Queue ?? false,
                BarSlippageTicks = profile.Execution.Paper.BarSlippageTicks ?? 1,
                BarVolumeFractionBps = profile.Execution.Paper.BarVolumeFractionBps ?? 1_000,
            })
            : liveGateway ?? NullGateway.Instance;
        return new TradingCore(market, [.. bots], intents, risk, orders, gateway, decisions)
        {
            AdoptUnknownOrders = profile.Execution.Live.UnknownOrders != "cancel",
        };
    }

    /// <summary>A bot's limits: its own values where given, else the defaults.</summary>
    public static RiskLimitsConfig Merge(RiskLimitsConfig? defaults, RiskLimitsConfig overrides)
    {
        var d = defaults ?? new RiskLimitsConfig();
        var merged = new RiskLimitsConfig
        {
            MaxOrderNotional = overrides.MaxOrderNotional ?? d.MaxOrderNotional,
            MaxPositionNotional = overrides.MaxPositionNotional ?? d.MaxPositionNotional,
            DailyLossLimit = overrides.DailyLossLimit ?? d.DailyLossLimit,
            MaxDrawdown = overrides.MaxDrawdown ?? d.MaxDrawdown,
            MaxOpenOrders = overrides.MaxOpenOrders ?? d.MaxOpenOrders,
            PriceCollarBps = overrides.PriceCollarBps ?? d.PriceCollarBps,
            MaxQuoteAgeMs = overrides.MaxQuoteAgeMs ?? d.MaxQuoteAgeMs,
            Instruments = new(d.Instruments),
            OrderRates = new(d.OrderRates),
        };
        foreach (var (k, v) in overrides.Instruments) merged.Instruments[k] = v;
        foreach (var (k, v) in overrides.OrderRates) merged.OrderRates[k] = v;
        return merged;
    }
}

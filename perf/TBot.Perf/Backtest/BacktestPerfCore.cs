using System.Text.Json;
using TBot.Engine.Execution.Paper;
using TBot.Engine.Instruments;
using TBot.Engine.Journal;
using TBot.Engine.Market;
using TBot.Engine.Orders;
using TBot.Engine.Portfolio;
using TBot.Engine.Risk;
using TBot.Engine.Strategy;
using TBot.Engine.Trading;

namespace TBot.Perf.Backtest;

/// <summary>A trading core for the backtest benchmarks without the host: the market maker on BTCUSDT@binance with
/// its defaults and the mean reversion on ETHUSDT@binance with the sample bot's parameters, sample-like risk limits,
/// paper gateway with queue-aware fills (<c>tbot perf backtest</c> builds the exact sample profile through the host).</summary>
public static class BacktestPerfCore
{
    public static TradingCore Build(InstrumentRegistry registry, IDecisionLog decisions)
    {
        var market = new MarketState(registry);
        var orders = new OrderManager(registry, new PortfolioBook(registry, 63), decisions);
        var intents = new IntentBuffer();
        var bots = new List<BotInstance>();
        Add(bots, 1, "market-maker", new() { ["instrument"] = "\"BTCUSDT@binance\"" }, registry, market, orders, intents);
        Add(bots, 2, "mean-reversion", new()
        {
            ["instrument"] = "\"ETHUSDT@binance\"", ["order_size"] = "\"0.01\"", ["max_position"] = "\"0.03\"", ["entry_z"] = "1.5",
            ["bar_ms"] = "250", ["window_bars"] = "20", ["cooldown_ms"] = "2000",
        }, registry, market, orders, intents);
        var risk = new RiskManager(registry, new RiskLimits { MaxOpenOrders = 4, PriceCollarBps = 50, MaxQuoteAgeMs = 5_000 }, 64);
        var gateway = new PaperGateway(registry, market, new PaperGatewayOptions { LatencyNs = 5_000_000, MakerFeeBps = 1, TakerFeeBps = 5, QueuePosition = true });
        return new TradingCore(market, [.. bots], intents, risk, orders, gateway, decisions);
    }

    private static void Add(List<BotInstance> bots, int id, string strategy, Dictionary<string, string> parameters, InstrumentRegistry registry,
        MarketState market, OrderManager orders, IntentBuffer intents)
    {
        var problems = new List<string>();
        var json = parameters.ToDictionary(p => p.Key, p => JsonDocument.Parse(p.Value).RootElement.Clone());
        if (!StrategyFactory.TryCreate(strategy, id, json, registry, out var s, problems) || s is null) throw new InvalidOperationException(string.Join(" ", problems));
        bots.Add(new BotInstance(id, $"{strategy}-{id}", s, new StrategyContext(id, market, registry, orders, intents)));
    }
}

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

namespace TBot.Perf.Pipeline;

/// <summary>The trading core the perf harness and the benchmarks drive: one market maker on BTCUSDT@binance with
/// the paper gateway and risk limits on.</summary>
public static class PerfTradingCore
{
    /// <param name="stress">Requote on every tick (about one order per event) instead of at 20 ticks / 100 ms.</param>
    /// <param name="wrapGateway">Lets the caller put a probe around the paper gateway.</param>
    public static TradingCore Build(InstrumentRegistry registry, IDecisionLog decisions, bool stress, Func<IExecutionGateway, IExecutionGateway>? wrapGateway = null)
    {
        var market = new MarketState(registry);
        var orders = new OrderManager(registry, new PortfolioBook(registry, 4), decisions);
        var intents = new IntentBuffer();
        var parameters = new Dictionary<string, JsonElement>
        {
            ["instrument"] = JsonDocument.Parse("\"BTCUSDT@binance\"").RootElement,
            ["half_spread_bps"] = JsonDocument.Parse("0.2").RootElement,
            ["quote_size"] = JsonDocument.Parse("\"0.001\"").RootElement,
            ["max_inventory"] = JsonDocument.Parse("\"1000\"").RootElement,
            ["requote_ticks"] = JsonDocument.Parse(stress ? "0" : "20").RootElement,
            ["refresh_ms"] = JsonDocument.Parse(stress ? "0" : "100").RootElement,
        };
        var problems = new List<string>();
        if (!StrategyFactory.TryCreate("market-maker", 1, parameters, registry, out var strategy, problems) || strategy is null)
            throw new InvalidOperationException(string.Join(" ", problems));
        var bots = new[] { new BotInstance(1, "perf-mm", strategy, new StrategyContext(1, market, registry, orders, intents)) };
        var risk = new RiskManager(registry, new RiskLimits { MaxOpenOrders = 16, PriceCollarBps = 100, MaxQuoteAgeMs = 1_000 }, 8);
        IExecutionGateway gateway = new PaperGateway(registry, market, new PaperGatewayOptions { LatencyNs = 0, MakerFeeBps = 1, TakerFeeBps = 5 });
        if (wrapGateway is not null) gateway = wrapGateway(gateway);
        return new TradingCore(market, bots, intents, risk, orders, gateway, decisions);
    }
}

using Microsoft.Extensions.Logging;
using TBot.Adapters.Execution;
using TBot.Adapters.Execution.Binance;
using TBot.Engine.Events;
using TBot.Engine.Instruments;
using TBot.Engine.Ring;
using TBot.Engine.Trading;
using TBot.Host.Trading;

namespace TBot.Host.Running;

/// <summary>
/// Live trading on Binance spot: the signed client, the gateway (write-ahead behind the journal) and start-up
/// reconciliation. Created only when <c>execution.mode</c> is "live" and <c>execution.live.enabled</c> is true.
/// </summary>
public sealed class LiveExecution : IAsyncDisposable
{
    private readonly BinanceSignedClient _client;
    private readonly ILogger _log;
    private readonly List<LocalOpenOrder> _localOpen = [];

    private LiveExecution(BinanceSignedClient client, BinanceLiveGateway gateway, ILogger log)
    {
        _client = client;
        Gateway = gateway;
        _log = log;
    }

    public BinanceLiveGateway Gateway { get; }

    public ReconciliationReport? Reconciliation { get; private set; }

    /// <summary>Problems that keep live trading from starting (checked before anything connects).</summary>
    public static List<string> Check(TradingProfile profile, Uri? binanceRest)
    {
        var problems = new List<string>();
        if (profile.Execution.Mode != "live") return problems;
        if (!profile.Execution.Live.Enabled) problems.Add("execution.mode is live but execution.live.enabled is false: live trading stays off until it is set explicitly.");
        if (binanceRest is null) problems.Add("execution.mode live needs a binance venue (live trading is Binance spot only).");
        try
        {
            BinanceCredentials.Load(profile.Execution.Live.CredentialsFile);
        }
        catch (Exception ex) when (ex is InvalidOperationException or IOException or ArgumentException or System.Text.Json.JsonException or UnauthorizedAccessException)
        {
            problems.Add("execution.live: " + ex.Message);
        }
        return problems;
    }

    /// <summary>Build the gateway and put it on the core. Call after the session rebuilt its state and before the
    /// ring starts: the engine's open orders are read here, on this thread, while nothing else touches the core.</summary>
    public static LiveExecution Attach(TradingSession session, RingBuffer<MarketEvent> ring, InstrumentRegistry registry, Uri rest, ILoggerFactory loggers)
    {
        var live = session.Profile.Execution.Live;
        var log = loggers.CreateLogger("tbot.live");
        var client = new BinanceSignedClient(new BinanceSignedClientOptions { RestBase = rest, RecvWindow = TimeSpan.FromMilliseconds(live.RecvWindowMs) },
            BinanceCredentials.Load(live.CredentialsFile), log);
        var gateway = new BinanceLiveGateway(client, registry, new RingReportPublisher(ring),
            new BinanceGatewayOptions { JournalTag = session.JournalTag, PollInterval = TimeSpan.FromMilliseconds(live.PollMs) },
            session.Journal.Committed, log);
        var execution = new LiveExecution(client, gateway, log);
        foreach (var order in StateHasher.OpenOrders(session.Core.Orders))
            if (registry[order.InstrumentId].Venue == Venue.Binance) execution._localOpen.Add(LocalOpenOrder.From(in order));
        session.Core.Gateway = gateway;
        return execution;
    }

    /// <summary>Reconcile with the venue (reports go through the ring, flagged), then start sending.</summary>
    public async Task StartAsync(TradingSession session, RingBuffer<MarketEvent> ring, InstrumentRegistry registry, CancellationToken stop)
    {
        var policy = session.Profile.Execution.Live.UnknownOrders == "cancel" ? UnknownOrderPolicy.Cancel : UnknownOrderPolicy.Adopt;
        var binanceIds = registry.All.Where(i => i.Venue == Venue.Binance).Select(i => i.Id).ToList();
        var reconciler = new BinanceReconciler(_client, registry, new RingReportPublisher(ring).WithFlags(EventFlags.Reconciled),
            new BinanceReconcilerOptions { JournalTag = session.JournalTag, UnknownOrders = policy, InstrumentIds = binanceIds }, _log);
        await _client.Clock.SyncAsync(stop).ConfigureAwait(false);
        Reconciliation = await reconciler.ReconcileAsync(_localOpen, stop).ConfigureAwait(false);
        _log.LogInformation("Reconciliation: {Report}", Reconciliation.ToString());
        Gateway.Track(Reconciliation.OpenOrders);
        await Gateway.StartAsync(stop).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await Gateway.DisposeAsync().ConfigureAwait(false);
        _client.Dispose();
    }
}

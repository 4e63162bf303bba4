using System.Collections.Concurrent;
using TBot.Adapters.Connections;
using Microsoft.Extensions.Logging;
using TBot.Engine.Events;
using TBot.Engine.Instruments;
using TBot.Engine.Orders;
using TBot.Engine.Ring;
using TBot.Engine.Validation;

namespace TBot.Adapters.Execution.Binance;

/// <summary>
/// Live Binance spot execution. The trading thread's <see cref="Submit"/>/<see cref="Cancel"/> only copy the
/// order into a preallocated single-producer queue (no allocation, no lock, no I/O). An async I/O side then:
/// <list type="bullet">
/// <item>holds each command until the journal has written its ring sequence (write-ahead; <c>journalCommitted</c>),</item>
/// <item>sends new orders (signed POST /api/v3/order, FULL answer) and cancels (DELETE by client id),</item>
/// <item>polls working orders for fills and their end,</item>
/// <item>settles a new order whose answer was lost by querying it — never by sending it again,</item>
/// </list>
/// and publishes every outcome as an <see cref="ExecutionReport"/> through <see cref="IReportPublisher"/> (onto
/// the ring, so the journal sees it and the trading thread applies it in sequence). Work on one order is
/// serialised; different orders proceed concurrently up to <see cref="BinanceGatewayOptions.MaxConcurrentRequests"/>.
/// </summary>
public sealed partial class BinanceLiveGateway : IExecutionGateway, IAsyncDisposable
{
    public const string OrderPath = "/api/v3/order";
    public const string OpenOrdersPath = "/api/v3/openOrders";

    private const int NewOrderWeight = 1, CancelWeight = 1, QueryWeight = 4, OpenOrdersWeight = 6;

    /// <summary>How long a finished order stays known (a cancel that raced its end is then not sent).</summary>
    private static readonly TimeSpan DoneRetention = TimeSpan.FromMinutes(1);

    private readonly BinanceSignedClient _client;
    private readonly InstrumentRegistry _registry;
    private readonly BinanceGatewayOptions _options;
    private readonly Sequence? _journalCommitted;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly CommandQueue _queue;
    private readonly AsyncSignal _signal = new();
    private readonly OrderStateReporter _reporter;
    private readonly ConcurrentDictionary<long, TrackedOrder> _orders = new();
    // Ids this process has sent: a second Submit with one of them is refused (dispatcher only).
    private readonly BoundedIdSet _submitted = new(1 << 16);
    private readonly SemaphoreSlim _inflight;
    private readonly ConcurrentDictionary<Task, byte> _running = new();
    private readonly Lock _lifecycle = new();
    private CancellationTokenSource? _stopping;
    private Task _dispatcher = Task.CompletedTask;
    private Task _poller = Task.CompletedTask;
    private Task _clockLoop = Task.CompletedTask;

    /// <param name="client">Signed REST access (shared with the reconciler).</param>
    /// <param name="registry">Resolves an order's instrument (symbol and scales).</param>
    /// <param name="publisher">Where reports go (a <see cref="RingReportPublisher"/> on a multi-producer ring).</param>
    /// <param name="journalCommitted">The journal handler's sequence: a command is sent only once it has reached the
    /// command's ring sequence. Null: no write-ahead gate.</param>
    public BinanceLiveGateway(BinanceSignedClient client, InstrumentRegistry registry, IReportPublisher publisher, BinanceGatewayOptions? options = null,
        Sequence? journalCommitted = null, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(publisher);
        _options = options ?? new BinanceGatewayOptions();
        _options.Validate();
        _client = client;
        _registry = registry;
        _journalCommitted = journalCommitted;
        _logger = client.Scrubbed(logger);
        _time = client.Time;
        _queue = new CommandQueue(_options.QueueCapacity);
        _inflight = new SemaphoreSlim(_options.MaxConcurrentRequests, _options.MaxConcurrentRequests);
        _reporter = new OrderStateReporter(publisher, new BinanceQuoteAssets(_options.QuoteAssets), _time, Stats);
    }

    public BinanceGatewayStats Stats { get; } = new();

    public bool ReportsViaRing => true;

    /// <summary>Commands waiting for the I/O side.</summary>
    public int QueuedCommands => _queue.Count;

    /// <summary>Orders being sent, settled or polled.</summary>
    public int TrackedOrders
    {
        get
        {
            var n = 0;
            foreach (var o in _orders.Values)
                if (o.State != TrackedOrderState.Done) n++;
            return n;
        }
    }

    public BinanceServerClock Clock => _client.Clock;

    // ---- trading thread ----------------------------------------------------------------------------------

    /// <summary>Queue a new order (trading thread; never blocks or allocates). A full queue rejects it at once
    /// through <paramref name="reports"/> with <see cref="BinanceGatewayCodes.QueueFull"/>.</summary>
    public void Submit(in Order order, long sequence, IExecutionReportSink reports)
    {
        if (_queue.TryEnqueue(GatewayCommandKind.Submit, in order, sequence))
        {
            Stats.AddQueued();
            _signal.Set();
            return;
        }
        Stats.AddQueueFull();
        Stats.AddRejected();
        // Engine time: the trading thread does not read the wall clock.
        var r = ExecutionReport.Rejection(in order, BinanceGatewayCodes.QueueFull, order.UpdatedNs);
        reports.OnReport(in r);
    }

    /// <summary>Queue a cancel (trading thread). A full queue drops it (counted): the order stays working and the
    /// strategy may ask again.</summary>
    public void Cancel(in Order order, long sequence, IExecutionReportSink reports)
    {
        if (_queue.TryEnqueue(GatewayCommandKind.Cancel, in order, sequence))
        {
            Stats.AddQueued();
            _signal.Set();
            return;
        }
        Stats.AddQueueFull();
    }

    /// <summary>Live reports come back on the ring; nothing to do per market event.</summary>
    public void OnMarketEvent(in MarketEvent e, long nowNs, IExecutionReportSink reports)
    {
    }

    // ---- lifecycle ---------------------------------------------------------------------------------------

    /// <summary>Sync the server clock (unless the host does), then start the dispatcher, the poller and the clock's resync loop.</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        CancellationToken token;
        lock (_lifecycle)
        {
            if (_stopping is not null) throw new InvalidOperationException("The gateway was already started.");
            _stopping = new CancellationTokenSource();
            token = _stopping.Token;
        }
        if (_options.SyncServerClock)
        {
            await _client.Clock.SyncAsync(cancellationToken).ConfigureAwait(false);
            _clockLoop = Task.Run(() => _client.Clock.RunAsync(_options.ClockSyncInterval, token), CancellationToken.None);
        }
        _dispatcher = Task.Run(() => DispatchAsync(token), CancellationToken.None);
        _poller = Task.Run(() => PollLoopAsync(token), CancellationToken.None);
        _logger.LogInformation("Binance live gateway started (clock offset {Offset} ms, write-ahead gate {Gate})",
            _client.Clock.OffsetMs, _journalCommitted is null ? "off" : "on");
    }

    /// <summary>
    /// Stop sending and polling. Requests in flight are abandoned (their outcome is settled by reconciliation
    /// at the next start); queued commands are not sent.
    /// </summary>
    public async Task StopAsync()
    {
        CancellationTokenSource? stopping;
        lock (_lifecycle) stopping = _stopping;
        if (stopping is null || stopping.IsCancellationRequested) return;
        await stopping.CancelAsync().ConfigureAwait(false);
        _signal.Set();
        await Quietly(_dispatcher).ConfigureAwait(false);
        await Quietly(_poller).ConfigureAwait(false);
        await Quietly(_clockLoop).ConfigureAwait(false);
        await Quietly(Task.WhenAll(_running.Keys).WaitAsync(TimeSpan.FromSeconds(10))).ConfigureAwait(false);
        if (_queue.Count > 0) _logger.LogWarning("Binance live gateway stopped with {Count} commands not sent", _queue.Count);
        _logger.LogInformation("Binance live gateway stopped: {Stats}", Stats);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        lock (_lifecycle) _stopping?.Dispose();
    }

    /// <summary>
    /// Take over orders that are working at the venue but were not sent by this process (the open orders left
    /// after <see cref="BinanceReconciler"/>): they are polled from now on and can be cancelled. Thread-safe.
    /// </summary>
    public void Track(IEnumerable<LocalOpenOrder> openOrders)
    {
        ArgumentNullException.ThrowIfNull(openOrders);
        foreach (var local in openOrders)
        {
            if (!_registry.TryGet(local.InstrumentId, out var instrument) || instrument.Venue != Venue.Binance) continue;
            var o = TrackedOrder.FromLocal(in local, local.VenueClientOrderId ?? VenueClientId(local.ClientOrderId), instrument);
            o.Acknowledged = true; // it is working at the venue
            o.State = TrackedOrderState.Open;
            _orders.TryAdd(local.ClientOrderId, o);
        }
    }

    /// <summary>The client id the venue knows one of our orders by; null for foreign orders (bot 0), which are found by venue id.</summary>
    private string? VenueClientId(long clientOrderId) =>
        ClientOrderIds.Bot(clientOrderId) == 0 ? null : ClientOrderIds.Format(_options.JournalTag, clientOrderId);

    /// <summary>Run <paramref name="work"/> on the pool and remember it until it ends (so <see cref="StopAsync"/> can wait).</summary>
    private void Launch(Func<Task> work)
    {
        var task = Task.Run(work);
        _running.TryAdd(task, 0);
        _ = task.ContinueWith(static (t, s) => ((ConcurrentDictionary<Task, byte>)s!).TryRemove(t, out _), _running,
            CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    /// <summary>Wait for a background task at shutdown; its failure is logged, not thrown.</summary>
    private async Task Quietly(Task task)
    {
        try
        {
            await task.ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or TimeoutException)
        {
        }
        catch (Exception ex)
        {
            _logger.LogError("Binance gateway task ended with an error: {Error}", ex.ToString());
        }
    }

    /// <summary>A failure of the call itself (no usable HTTP answer), as opposed to our own stop.</summary>
    private static bool IsTransportFailure(Exception ex, CancellationToken token) =>
        !token.IsCancellationRequested && ex is HttpRequestException or IOException or OperationCanceledException;
}

using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using TBot.Adapters.Connections;
using TBot.Adapters.Execution;
using TBot.Adapters.Execution.Binance;
using TBot.Adapters.Simulator;
using TBot.Adapters.Tests.Connections;
using TBot.Adapters.Tests.Simulator;
using TBot.Engine.Events;
using TBot.Engine.Instruments;
using TBot.Engine.Orders;
using TBot.Engine.Ring;

namespace TBot.Adapters.Tests.Execution;

/// <summary>
/// A simulator on loopback, a signed client for it, and a real multi-producer ring drained by a pipeline whose
/// handler keeps every execution report it sees (with the event's flags).
/// </summary>
internal sealed class ExecutionHarness : IAsyncDisposable
{
    public const string Key = "exec-test-key-6f1d2b";
    public const string Secret = "exec-test-secret-a93c7e";
    public const string Tag = "t1";

    private readonly List<BinanceLiveGateway> _gateways = [];

    private ExecutionHarness(SimulatorHost host, BinanceSignedClient client, RingBuffer<MarketEvent> ring, EventPipeline<MarketEvent> pipeline,
        ReportCollector collector, CapturingLogger logger)
    {
        Host = host;
        Client = client;
        Ring = ring;
        Pipeline = pipeline;
        Collector = collector;
        Logger = logger;
        Instrument = host.Registry.TryGet(Venue.Binance, "BTCUSDT", out var btc) ? btc : throw new InvalidOperationException("no BTCUSDT");
    }

    public SimulatorHost Host { get; }
    public BinanceSignedClient Client { get; }
    public RingBuffer<MarketEvent> Ring { get; }
    public EventPipeline<MarketEvent> Pipeline { get; }
    public ReportCollector Collector { get; }
    public CapturingLogger Logger { get; }

    /// <summary>BTCUSDT@binance: price scale 2, quantity scale 5.</summary>
    public Instrument Instrument { get; }

    public RingReportPublisher Publisher => new(Ring);

    public static async Task<ExecutionHarness> StartAsync(Action<SimulatorOptions>? configureSim = null, TimeSpan? recvWindow = null, HttpMessageHandler? handler = null)
    {
        var host = await SimTest.StartAsync(o =>
        {
            o.ApiKey = Key;
            o.ApiSecret = Secret;
            o.MessagesPerSecond = 20_000;
            configureSim?.Invoke(o);
        });
        var logger = new CapturingLogger();
        var client = new BinanceSignedClient(new BinanceSignedClientOptions
        {
            RestBase = host.Endpoints.BinanceRestBase,
            RecvWindow = recvWindow ?? TimeSpan.FromMilliseconds(5000),
            RateLimits = TestLimits.Generous(Venue.Binance),
            Handler = handler,
            Rest = new RestClientOptions { RetryBackoff = new(TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(50), TimeSpan.Zero), RequestTimeout = TimeSpan.FromSeconds(5) },
        }, new BinanceCredentials(Key, Secret), logger);
        var ring = RingBuffer<MarketEvent>.CreateMultiProducer(1024, new BlockingWaitStrategy());
        var pipeline = new EventPipeline<MarketEvent>(ring, new PipelineOptions { Name = "exec-test", Threading = ThreadingMode.Dedicated });
        var collector = new ReportCollector();
        pipeline.HandleEventsWith("collector", collector);
        pipeline.Start();
        return new ExecutionHarness(host, client, ring, pipeline, collector, logger);
    }

    public BinanceLiveGateway Gateway(BinanceGatewayOptions? options = null, Sequence? journal = null, IReportPublisher? publisher = null)
    {
        var gateway = new BinanceLiveGateway(Client, Host.Registry, publisher ?? Publisher, options ?? new BinanceGatewayOptions
        {
            JournalTag = Tag,
            PollInterval = TimeSpan.FromMilliseconds(50),
        }, journal, Logger);
        _gateways.Add(gateway);
        return gateway;
    }

    public Order NewOrder(long counter, Side side, OrderType type, long price, long quantity, TimeInForce tif = TimeInForce.Gtc) => new()
    {
        ClientOrderId = ClientOrderIds.Make(1, counter),
        BotId = 1,
        InstrumentId = Instrument.Id,
        Venue = Venue.Binance,
        Side = side,
        Type = type,
        TimeInForce = tif,
        Status = OrderStatus.Submitted,
        Price = price,
        Quantity = quantity,
    };

    public static string ClientId(long counter) => ClientOrderIds.Format(Tag, ClientOrderIds.Make(1, counter));

    public (long Bid, long Ask) Touch()
    {
        var book = Host.Market.Snapshot(Venue.Binance, "BTCUSDT");
        return (book.Bids[0].Price, book.Asks[0].Price);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var g in _gateways) await g.DisposeAsync();
        Pipeline.Halt(TimeSpan.FromSeconds(5));
        Client.Dispose();
        await Host.DisposeAsync();
    }
}

/// <summary>Keeps the execution reports (and their event flags) the ring delivers.</summary>
internal sealed class ReportCollector : IEventHandler<MarketEvent>
{
    private readonly List<(ExecutionReport Report, EventFlags Flags, MarketEventKind Kind, Venue Venue)> _items = [];

    public void OnEvent(ref MarketEvent evt, long sequence, bool endOfBatch)
    {
        if (!ExecutionReportCodec.TryRead(in evt, out var r)) return;
        lock (_items) _items.Add((r, evt.Flags, evt.Kind, evt.Venue));
    }

    public List<(ExecutionReport Report, EventFlags Flags, MarketEventKind Kind, Venue Venue)> Items
    {
        get
        {
            lock (_items) return [.. _items];
        }
    }

    public List<ExecutionReport> For(long clientOrderId) => Items.Where(i => i.Report.ClientOrderId == clientOrderId).Select(i => i.Report).ToList();

    /// <summary>Wait (bounded by <paramref name="ct"/>) until a report matches.</summary>
    public async Task<ExecutionReport> WaitForAsync(Func<ExecutionReport, bool> match, CancellationToken ct)
    {
        while (true)
        {
            foreach (var i in Items)
                if (match(i.Report)) return i.Report;
            await Task.Delay(10, ct);
        }
    }
}

/// <summary>Reports a gateway hands straight to the trading thread's sink (only the queue-full path).</summary>
internal sealed class ListSink : IExecutionReportSink
{
    public List<ExecutionReport> Reports { get; } = [];

    public void OnReport(in ExecutionReport report) => Reports.Add(report);
}

/// <summary>Keeps every log line, exceptions included, at every level.</summary>
internal sealed class CapturingLogger : ILogger
{
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly ITestOutputHelper? _output = TestContext.Current.TestOutputHelper;

    public IReadOnlyList<string> Lines => [.. _lines];

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        var line = $"[{logLevel}] {formatter(state, exception)}{(exception is null ? "" : " | " + exception)}";
        _lines.Enqueue(line);
        try
        {
            _output?.WriteLine(line);
        }
        catch (InvalidOperationException)
        {
        }
    }
}

/// <summary>Sees every request the client sends (method, URI, body, API key header) before passing it on.</summary>
internal sealed class CapturingHandler() : DelegatingHandler(new SocketsHttpHandler())
{
    private readonly ConcurrentQueue<(HttpMethod Method, Uri Uri, string? Body, string? ApiKey)> _requests = new();

    public IReadOnlyList<(HttpMethod Method, Uri Uri, string? Body, string? ApiKey)> Requests => [.. _requests];

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        var key = request.Headers.TryGetValues("X-MBX-APIKEY", out var values) ? string.Join(",", values) : null;
        _requests.Enqueue((request.Method, request.RequestUri!, body, key));
        return await base.SendAsync(request, cancellationToken);
    }
}

internal static class TestOrders
{
    public static async Task WaitUntil(Func<bool> condition, CancellationToken ct)
    {
        while (!condition()) await Task.Delay(10, ct);
    }
}

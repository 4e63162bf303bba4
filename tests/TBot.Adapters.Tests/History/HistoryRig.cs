using TBot.Adapters.History;
using TBot.Adapters.Simulator;
using TBot.Adapters.Venues;
using TBot.Engine.Events;
using TBot.Engine.Instruments;
using TBot.Engine.Journal;

namespace TBot.Adapters.Tests.History;

/// <summary>An in-process simulator (no live stream) plus a history fetch client and a temporary catalog.</summary>
internal sealed class HistoryRig : IAsyncDisposable
{
    private HistoryRig(SimulatorHost host, string root)
    {
        Host = host;
        Root = root;
    }

    private readonly Dictionary<(Venue, string), IReadOnlyList<Instrument>> _instruments = [];

    public SimulatorHost Host { get; }

    public string Root { get; }

    public static async Task<HistoryRig> StartAsync(Action<SimulatorOptions>? configure = null)
    {
        var options = new SimulatorOptions { Seed = 11, MessagesPerSecond = 0, RetryAfterSeconds = 1 };
        configure?.Invoke(options);
        var host = new SimulatorHost(options);
        await host.StartAsync(TestContext.Current.CancellationToken);
        return new HistoryRig(host, Path.Combine(Path.GetTempPath(), $"tbot-hist-{Guid.NewGuid():N}"));
    }

    public Uri RestBase(Venue venue) => venue == Venue.Okx ? Host.Endpoints.OkxRestBase : Host.Endpoints.BinanceRestBase;

    /// <summary>Fetch into <paramref name="root"/> (default the rig's catalog).</summary>
    public async Task<HistoryFetchReport> FetchAsync(Venue venue, string symbol, CatalogKind kind, long fromMs, long toMs, string? root = null,
        int attempts = 4, string interval = "1m", CancellationToken ct = default)
    {
        using var http = new HttpClient { BaseAddress = RestBase(venue) };
        if (!_instruments.TryGetValue((venue, symbol), out var instruments))
        {
            instruments = await InstrumentMetadata.FetchAndRegisterAsync(venue, RestBase(venue), [symbol], new InstrumentRegistry(), http, ct);
            _instruments[(venue, symbol)] = instruments;
        }
        var rest = HistoryRest.Create(venue, http, attempts);
        var fetcher = new HistoryFetcher(rest, new HistoryFetchOptions
        {
            OutputDirectory = root ?? Root,
            Kind = kind,
            Interval = interval,
            PageAttempts = attempts,
            PageRetryDelay = TimeSpan.FromMilliseconds(20),
        });
        return await fetcher.FetchAsync(instruments, fromMs, toMs, ct);
    }

    /// <summary>Every event record of a kind directory (all days, in day order) with its record time.</summary>
    public static List<(long TimeNs, MarketEvent Event)> Records(string root, Venue venue, string symbol, CatalogKind kind)
    {
        var list = new List<(long, MarketEvent)>();
        var dir = Path.Combine(root, VenueNames.Name(venue), symbol, CatalogKinds.Name(kind));
        if (!Directory.Exists(dir)) return list;
        foreach (var day in Directory.GetDirectories(dir).Order(StringComparer.Ordinal))
        {
            using var reader = JournalReader.Open(day);
            while (reader.TryRead(out var r))
                if (r.Type == JournalRecordType.Event) list.Add((r.TimeNs, r.Event));
        }
        return list;
    }

    public static CatalogDayInfo Info(string dayDirectory) => CatalogDayInfo.FromConfig(JournalManifest.Load(dayDirectory).Config)!;

    /// <summary>A past range [from, from + hours) that crosses a UTC midnight (so day splitting is exercised).</summary>
    public static (long FromMs, long ToMs) RangeAcrossMidnight(int hours)
    {
        var today = DateTimeOffset.UtcNow.Date;
        var midnight = new DateTimeOffset(today.AddDays(-1), TimeSpan.Zero).ToUnixTimeMilliseconds();
        var from = midnight - hours / 2 * 3_600_000L - 1_800_000;
        return (from, from + hours * 3_600_000L);
    }

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        try
        {
            if (Directory.Exists(Root)) Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

using System.Globalization;
using TBot.Adapters.Runtime;
using TBot.Adapters.Simulator;
using TBot.Engine.Instruments;
using TBot.Engine.Numerics;
using TBot.Host.Http;
using TBot.Host.Running;
using TBot.Host.Stores;
using TBot.Host.Trading;

namespace TBot.Host.Configuration;

/// <summary>
/// <c>tbot config check</c>: every check <c>tbot run</c> makes before it connects, run on the layered configuration
/// without connecting to anything (store connection strings are parsed, not opened; venue metadata is not fetched).
/// Every problem is listed at once; nothing printed holds a secret.
/// </summary>
public static class ConfigCheck
{
    public sealed record Result(int ExitCode, IReadOnlyList<string> Problems, IReadOnlyList<string> Summary)
    {
        public bool Ok => ExitCode == 0;
    }

    public const int Invalid = 2;

    public static Result Run(ConfigSources sources)
    {
        var (config, problems) = RunConfigLoader.Load(sources);
        var redactor = SecretRedactor.For(config, sources.Environment);
        var summary = new List<string>();
        if (config is not null || problems.Count == 0) Check(config, problems, summary);
        if (problems.Count > 0) return new Result(Invalid, [.. problems.Select(redactor.Redact)], []);
        return new Result(0, [], [.. summary.Select(redactor.Redact)]);
    }

    private static void Check(RunConfig? config, List<string> problems, List<string> summary)
    {
        var simulator = config is null || config.Venues.Count == 0;
        var (registry, fetched) = simulator ? (SimulatorInstruments(), new List<string>()) : Instruments(config!, problems);
        var profile = new TradingProfile
        {
            Bots = config?.Bots ?? DefaultBots.For(registry),
            Risk = config?.Risk ?? DefaultBots.Risk(),
            Execution = config?.Execution ?? new ExecutionConfig(),
            TimerMs = config?.TimerMs ?? 100,
        };
        problems.AddRange(TradingSetup.Validate(profile, registry));
        var journal = config?.Journal ?? new JournalConfig();
        JournalSettings.Options(Path.GetFullPath(journal.Directory ?? EngineRun.DefaultJournalDirectory), journal, problems);
        Uri? binanceRest = simulator ? new Uri("http://127.0.0.1/")
            : config!.Venues.TryGetValue("binance", out var b) ? (b.Rest is { } r && Uri.TryCreate(r, UriKind.Absolute, out var ru) ? ru : VenueEndpoint.Production(Venue.Binance).Rest) : null;
        problems.AddRange(LiveExecution.Check(profile, binanceRest));
        var stores = StoreSettings.Resolve(null, null, config?.Stores);
        problems.AddRange(stores.Problems());
        var httpProblems = new List<string>();
        var http = HttpEndpointSettings.Resolve(config?.Http?.Address, config?.Http?.Token, httpProblems);
        problems.AddRange(httpProblems.Select(p => p.Replace("--http-token", "http.token", StringComparison.Ordinal).Replace("--http", "http.address", StringComparison.Ordinal)));
        if (problems.Count > 0) return;

        var c = CultureInfo.InvariantCulture;
        summary.Add(simulator ? "venues: none configured: the built-in simulator (binance, coinbase, okx on loopback)"
            : "venues: " + string.Join(", ", config!.Venues.Select(v => $"{v.Key} ({v.Value.Instruments.Count} instrument{(v.Value.Instruments.Count == 1 ? "" : "s")})")));
        summary.Add("instruments: " + string.Join(", ", registry.All.Select(i => i.Key)));
        if (fetched.Count > 0) summary.Add("  scales, tick and step from the venue at start (not checked here): " + string.Join(", ", fetched));
        summary.Add($"bots{(config?.Bots is null ? " (the sample bots)" : "")}: " + (profile.Bots.Count == 0 ? "none" : string.Join(", ", profile.Bots.Select(bot => $"{bot.Id} {bot.Name ?? bot.Strategy} ({bot.Strategy})"))));
        summary.Add($"execution: {profile.Execution.Mode}{(profile.Execution.Mode == "live" ? " (binance spot, credentials found)" : "")}");
        summary.Add($"journal: {journal.Directory ?? EngineRun.DefaultJournalDirectory} (flush {journal.Flush}, fsync {journal.Fsync})");
        summary.Add("stores: " + (stores.Redis is null && stores.Postgres is null ? "none (journal and in-process cache only)"
            : string.Join(", ", new[] { stores.Redis is null ? null : "redis", stores.Postgres is null ? null : $"postgres {StoreSettings.Redact(stores.Postgres)}" }.OfType<string>())));
        summary.Add("http: " + (http is null ? "off" : $"{http.Endpoint}{(http.Token is null ? "" : " (token set)")}"));
        var shutdown = config?.Shutdown ?? new ShutdownConfig();
        summary.Add(string.Create(c, $"shutdown: open orders {shutdown.OpenOrders}, cancel wait {shutdown.CancelWaitSeconds} s, drain {shutdown.DrainSeconds} s"));
        if (config?.Alerts is { } a)
            summary.Add(string.Create(c, $"alerts: webhook {(a.Webhook is { Length: > 0 } w ? SecretRedactor.RedactUrl(w) : "none")}, disconnected > {a.DisconnectedSeconds} s, projection lag > {a.ProjectionLagSeconds} s"));
        summary.Add($"logging: {config?.Logging.Format ?? LoggingConfig.Text}");
    }

    /// <summary>The instruments the built-in simulator serves (what a run without venues trades).</summary>
    private static InstrumentRegistry SimulatorInstruments()
    {
        var registry = new InstrumentRegistry();
        var host = new SimulatorHost(new SimulatorOptions { Registry = registry });
        host.DisposeAsync().AsTask().GetAwaiter().GetResult();
        return registry;
    }

    /// <summary>The configured instruments; those whose scales come from the venue at start get placeholders (8/8)
    /// so references to them can be checked, tick/step rules are then checked at start.</summary>
    private static (InstrumentRegistry, List<string> Fetched) Instruments(RunConfig config, List<string> problems)
    {
        var registry = new InstrumentRegistry();
        var fetched = new List<string>();
        foreach (var (name, venueConfig) in config.Venues)
        {
            if (!VenueNames.TryParse(name, out var venue)) continue;
            foreach (var i in venueConfig.Instruments)
            {
                if (string.IsNullOrWhiteSpace(i.Symbol)) continue;
                try
                {
                    if (i.PriceScale is { } ps && i.QuantityScale is { } qs)
                    {
                        var tick = i.TickSize is { } t && FixedPoint.TryFromDecimal(decimal.Parse(t, CultureInfo.InvariantCulture), ps, out var tm) ? tm : 0;
                        var step = i.StepSize is { } s && FixedPoint.TryFromDecimal(decimal.Parse(s, CultureInfo.InvariantCulture), qs, out var sm) ? sm : 0;
                        registry.Add(venue, i.Symbol, ps, qs, tick, step);
                    }
                    else
                    {
                        registry.Add(venue, i.Symbol, 8, 8);
                        fetched.Add($"{i.Symbol}@{name}");
                    }
                }
                catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or FormatException)
                {
                    problems.Add($"venues.{name}.{i.Symbol}: {ex.Message}");
                }
            }
        }
        return (registry, fetched);
    }
}

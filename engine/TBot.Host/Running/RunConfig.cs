using System.Text.Json;
using System.Text.Json.Serialization;
using TBot.Engine.Instruments;
using TBot.Engine.Validation;

namespace TBot.Host.Running;

/// <summary>
/// The <c>tbot run --config FILE</c> file (JSON). Example:
/// <code>{ "venues": { "binance": { "endpoint": "wss://stream.binance.com:9443", "rest": "https://api.binance.com",
///   "instruments": [ { "symbol": "BTCUSDT", "priceScale": 2, "quantityScale": 5, "tickSize": "0.01", "stepSize": "0.00001" } ] } },
///   "validation": { "priceBandBps": 1000 }, "ingressCpu": 1 }</code>
/// </summary>
public sealed class RunConfig
{
    [JsonPropertyName("venues")] public Dictionary<string, VenueConfig> Venues { get; set; } = [];
    [JsonPropertyName("validation")] public ValidationOptions Validation { get; set; } = new();
    [JsonPropertyName("ingressCpu")] public int? IngressCpu { get; set; }
    /// <summary>Bots (strategy instances). Omitted: the sample bots on the configured instruments.</summary>
    [JsonPropertyName("bots")] public List<Trading.BotConfig>? Bots { get; set; }
    /// <summary>Default risk limits for every bot (snake_case keys, see README).</summary>
    [JsonPropertyName("risk")] public TBot.Engine.Risk.RiskLimitsConfig? Risk { get; set; }
    [JsonPropertyName("execution")] public Trading.ExecutionConfig Execution { get; set; } = new();
    [JsonPropertyName("journal")] public Trading.JournalConfig Journal { get; set; } = new();
    /// <summary>Interval of the timer events on the ring (bar closes, quote refresh).</summary>
    [JsonPropertyName("timerMs")] public int TimerMs { get; set; } = 100;
    /// <summary>Redis and PostgreSQL the journal is projected into (none: the in-process cache and the journal only).</summary>
    [JsonPropertyName("stores")] public Stores.StoreConfig? Stores { get; set; }
    /// <summary>Where /health and /metrics are served (flags win).</summary>
    [JsonPropertyName("http")] public Configuration.HttpConfig? Http { get; set; }
    /// <summary>What a graceful stop does with open orders, and its bounds.</summary>
    [JsonPropertyName("shutdown")] public Configuration.ShutdownConfig Shutdown { get; set; } = new();
    /// <summary>Alert rules' thresholds and webhook.</summary>
    [JsonPropertyName("alerts")] public Alerts.AlertOptions? Alerts { get; set; }
    /// <summary>Log format (flags win).</summary>
    [JsonPropertyName("logging")] public Configuration.LoggingConfig Logging { get; set; } = new();
    /// <summary>Metrics aggregation (<c>metrics.aggregateSeconds</c>).</summary>
    [JsonPropertyName("metrics")] public Telemetry.MetricsConfig? Metrics { get; set; }

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNameCaseInsensitive = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    /// <summary>Load and validate; every problem is listed at once.</summary>
    public static (RunConfig? Config, List<string> Problems) Load(string path)
    {
        var problems = new List<string>();
        RunConfig? config;
        try
        {
            config = JsonSerializer.Deserialize<RunConfig>(File.ReadAllText(path), Json);
        }
        catch (JsonException ex)
        {
            problems.Add($"{path}: {ex.Message}");
            return (null, problems);
        }
        if (config is null)
        {
            problems.Add($"{path}: empty configuration.");
            return (null, problems);
        }
        problems.AddRange(config.Problems());
        return (config, problems);
    }

    /// <summary>Every problem of a loaded configuration that needs no instruments or connections.</summary>
    public List<string> Problems()
    {
        var problems = new List<string>();
        var config = this;
        problems.AddRange(config.Validation.Problems());
        problems.AddRange(config.Shutdown.Problems());
        problems.AddRange(config.Logging.Problems());
        if (config.Alerts is { } alerts) problems.AddRange(alerts.Problems());
        if (config.Metrics?.AggregateSeconds is < 1 or > 3600) problems.Add("metrics.aggregateSeconds must be 1..3600.");
        foreach (var (name, venue) in config.Venues)
        {
            if (!VenueNames.TryParse(name, out _)) problems.Add($"venues.{name}: unknown venue (binance, coinbase, okx).");
            if (venue.Instruments.Count == 0) problems.Add($"venues.{name}.instruments: at least one instrument is needed.");
            foreach (var i in venue.Instruments)
            {
                if (string.IsNullOrWhiteSpace(i.Symbol)) problems.Add($"venues.{name}.instruments: an instrument has no symbol.");
                if (i.PriceScale is null != i.QuantityScale is null) problems.Add($"venues.{name}.{i.Symbol}: give both priceScale and quantityScale, or neither (then the venue's metadata is used).");
                if (i.PriceScale is null && VenueNames.TryParse(name, out var v) && !TBot.Adapters.Venues.InstrumentMetadata.CanFetch(v))
                    problems.Add($"venues.{name}.{i.Symbol}: {name} metadata cannot be fetched; give priceScale and quantityScale.");
                if (i.PriceScale is < 0 or > 18) problems.Add($"venues.{name}.{i.Symbol}: priceScale must be 0..18.");
                if (i.QuantityScale is < 0 or > 18) problems.Add($"venues.{name}.{i.Symbol}: quantityScale must be 0..18.");
                if (i.TickSize is { } t && (!decimal.TryParse(t, System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out var td)
                        || !TBot.Engine.Numerics.FixedPoint.TryFromDecimal(td, i.PriceScale ?? 18, out _)))
                    problems.Add($"venues.{name}.{i.Symbol}: tickSize {t} is not a decimal or is finer than priceScale {i.PriceScale}.");
                if (i.StepSize is { } s && (!decimal.TryParse(s, System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out var sd)
                        || !TBot.Engine.Numerics.FixedPoint.TryFromDecimal(sd, i.QuantityScale ?? 18, out _)))
                    problems.Add($"venues.{name}.{i.Symbol}: stepSize {s} is not a decimal or is finer than quantityScale {i.QuantityScale}.");
            }
            if (venue.Feed is { } feed && (name != "coinbase" || feed is not ("advanced-trade" or "exchange")))
                problems.Add($"venues.{name}.feed: only coinbase has feeds: \"advanced-trade\" or \"exchange\".");
            if (venue.Endpoint is { } e && (!Uri.TryCreate(e, UriKind.Absolute, out var u) || u.Scheme is not ("ws" or "wss")))
                problems.Add($"venues.{name}.endpoint: '{e}' is not a ws:// or wss:// URL.");
            if (venue.Rest is { } rest && (!Uri.TryCreate(rest, UriKind.Absolute, out var ru) || ru.Scheme is not ("http" or "https")))
                problems.Add($"venues.{name}.rest: '{rest}' is not an http:// or https:// URL.");
        }
        return problems;
    }
}

public sealed class VenueConfig
{
    [JsonPropertyName("endpoint")] public string? Endpoint { get; set; }
    [JsonPropertyName("rest")] public string? Rest { get; set; }
    /// <summary>Coinbase: "advanced-trade" (default) or "exchange" (the older Exchange feed).</summary>
    [JsonPropertyName("feed")] public string? Feed { get; set; }
    [JsonPropertyName("instruments")] public List<InstrumentConfig> Instruments { get; set; } = [];
}

public sealed class InstrumentConfig
{
    [JsonPropertyName("symbol")] public string Symbol { get; set; } = "";
    /// <summary>Decimals of prices; omit (with quantityScale) to take scales, tick and step from the venue's metadata.</summary>
    [JsonPropertyName("priceScale")] public int? PriceScale { get; set; }
    [JsonPropertyName("quantityScale")] public int? QuantityScale { get; set; }
    [JsonPropertyName("tickSize")] public string? TickSize { get; set; }
    [JsonPropertyName("stepSize")] public string? StepSize { get; set; }
}

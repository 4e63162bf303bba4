using System.Text.Json;
using System.Text.Json.Serialization;

namespace TBot.Host.Trading;

/// <summary>One bot: the seed's <c>bot_instances</c> row (id, strategy, parameters) plus its risk limits.</summary>
public sealed class BotConfig
{
    /// <summary>1..63; part of every client order id, so keep it stable across restarts.</summary>
    [JsonPropertyName("id")] public int Id { get; set; }
    [JsonPropertyName("name")] public string? Name { get; set; }
    [JsonPropertyName("strategy")] public string Strategy { get; set; } = "";
    [JsonPropertyName("parameters")] public Dictionary<string, JsonElement> Parameters { get; set; } = [];
    /// <summary>Overrides of the top-level <c>risk</c> limits for this bot.</summary>
    [JsonPropertyName("risk")] public TBot.Engine.Risk.RiskLimitsConfig? Risk { get; set; }
}

/// <summary>Where orders go.</summary>
public sealed class ExecutionConfig
{
    /// <summary>"paper" (default: simulated fills against the local book) or "live" (Binance spot REST).</summary>
    [JsonPropertyName("mode")] public string Mode { get; set; } = "paper";
    [JsonPropertyName("paper")] public PaperConfig Paper { get; set; } = new();
    [JsonPropertyName("live")] public LiveConfig Live { get; set; } = new();
}

public sealed class PaperConfig
{
    [JsonPropertyName("latencyMs")] public double LatencyMs { get; set; } = 5;
    [JsonPropertyName("makerFeeBps")] public decimal MakerFeeBps { get; set; } = 1;
    [JsonPropertyName("takerFeeBps")] public decimal TakerFeeBps { get; set; } = 5;
    /// <summary>Queue-position-aware limit fills; unset = off for live paper trading, on for backtests.</summary>
    [JsonPropertyName("queue")] public bool? Queue { get; set; }
    /// <summary>Bar data: market orders fill this many ticks worse than the bar's open/close (unset = 1).</summary>
    [JsonPropertyName("barSlippageTicks")] public int? BarSlippageTicks { get; set; }
    /// <summary>Bar data: share of a bar's volume our fills may take, in bps (unset = 1000, i.e. 10 %).</summary>
    [JsonPropertyName("barVolumeFractionBps")] public int? BarVolumeFractionBps { get; set; }
}

public sealed class LiveConfig
{
    /// <summary>Live orders are sent only when this is true AND mode is "live".</summary>
    [JsonPropertyName("enabled")] public bool Enabled { get; set; }
    /// <summary>JSON file with api_key/api_secret; otherwise TBOT_BINANCE_API_KEY / TBOT_BINANCE_API_SECRET.</summary>
    [JsonPropertyName("credentialsFile")] public string? CredentialsFile { get; set; }
    [JsonPropertyName("recvWindowMs")] public int RecvWindowMs { get; set; } = 5000;
    [JsonPropertyName("pollMs")] public int PollMs { get; set; } = 500;
    /// <summary>Open orders at the venue the journal does not know: "adopt" (default) or "cancel".</summary>
    [JsonPropertyName("unknownOrders")] public string UnknownOrders { get; set; } = "adopt";
}

/// <summary>The journal (write-ahead log).</summary>
public sealed class JournalConfig
{
    /// <summary>Directory; <c>--journal</c> overrides it. Default <c>data/journal</c>.</summary>
    [JsonPropertyName("directory")] public string? Directory { get; set; }
    /// <summary>"batch" (flush at the end of every ring batch, default) or "interval".</summary>
    [JsonPropertyName("flush")] public string Flush { get; set; } = "batch";
    [JsonPropertyName("flushMs")] public int FlushMs { get; set; } = 5;
    /// <summary>"none" (the OS decides; survives a process crash, not a power cut), "flush" (every flush) or "interval" (default).</summary>
    [JsonPropertyName("fsync")] public string Fsync { get; set; } = "interval";
    [JsonPropertyName("fsyncMs")] public int FsyncMs { get; set; } = 100;
    [JsonPropertyName("segmentMb")] public int SegmentMb { get; set; } = 64;
}

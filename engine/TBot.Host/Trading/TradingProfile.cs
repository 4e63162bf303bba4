using System.Text.Json;
using System.Text.Json.Serialization;
using TBot.Engine.Risk;

namespace TBot.Host.Trading;

/// <summary>
/// Everything that decides what the trading core does with a given event stream: bots and parameters, risk
/// limits, execution mode and paper fill settings, timer interval. Stored in the journal's manifest so
/// <c>tbot replay</c> rebuilds the same core, and compared on restart so a journal is never continued under
/// different rules.
/// </summary>
public sealed class TradingProfile
{
    [JsonPropertyName("bots")] public List<BotConfig> Bots { get; set; } = [];
    [JsonPropertyName("risk")] public RiskLimitsConfig? Risk { get; set; }
    [JsonPropertyName("execution")] public ExecutionConfig Execution { get; set; } = new();
    [JsonPropertyName("timerMs")] public int TimerMs { get; set; } = 100;

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    public JsonElement ToJson() => JsonSerializer.SerializeToElement(this, Json);

    public static TradingProfile? FromJson(JsonElement element) => element.Deserialize<TradingProfile>(Json);

    /// <summary>Equal trading rules (credentials file and live polling are not rules: they may change between runs).</summary>
    public bool SameRules(TradingProfile other)
    {
        static string Canon(TradingProfile p)
        {
            var copy = new TradingProfile { Bots = p.Bots, Risk = p.Risk, TimerMs = p.TimerMs, Execution = new ExecutionConfig { Mode = p.Execution.Mode, Paper = p.Execution.Paper } };
            return JsonSerializer.Serialize(copy, Json);
        }
        return Canon(this) == Canon(other);
    }
}

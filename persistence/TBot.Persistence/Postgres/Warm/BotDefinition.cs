using System.Text.Json;
using TBot.Engine.Journal;

namespace TBot.Persistence.Postgres.Warm;

/// <summary>
/// A bot as the journal's manifest defines it (the trading profile the run was started with): the source of the
/// <c>strategies</c> row (one per bot: its strategy kind and parameters; strategy_id = bot id) and of the bot's
/// link to it. Read from the manifest, not the decisions, so a bot that never traded still has its rows.
/// </summary>
public sealed record BotDefinition(int BotId, string Name, string Strategy, string ParametersJson)
{
    public static IReadOnlyList<BotDefinition> FromManifest(JournalManifest manifest)
    {
        var result = new List<BotDefinition>();
        if (manifest.Config is not { ValueKind: JsonValueKind.Object } config || !config.TryGetProperty("bots", out var bots) || bots.ValueKind != JsonValueKind.Array)
            return result;
        foreach (var bot in bots.EnumerateArray())
        {
            if (!bot.TryGetProperty("id", out var idElement) || !idElement.TryGetInt32(out var id) || id <= 0) continue;
            var strategy = bot.TryGetProperty("strategy", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString()! : "unknown";
            var name = bot.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String && n.GetString() is { Length: > 0 } text ? text : $"bot-{id}";
            var parameters = bot.TryGetProperty("parameters", out var p) && p.ValueKind == JsonValueKind.Object ? p.GetRawText() : "{}";
            result.Add(new BotDefinition(id, name, strategy,
                JsonSerializer.Serialize(new Dictionary<string, object> { ["strategy"] = strategy, ["parameters"] = JsonDocument.Parse(parameters).RootElement })));
        }
        return result;
    }
}

using System.Globalization;
using System.Text.Json;
using TBot.Engine.Journal;
using TBot.Host.Trading;

namespace TBot.Host.Analytics;

/// <summary>A bot as the run defined it (the trading profile stored in the journal's manifest).</summary>
public sealed record AnalyticsBot(int Id, string Name, string Strategy)
{
    /// <summary>The bots of the manifest's configuration (none when it holds no trading profile).</summary>
    public static IReadOnlyList<AnalyticsBot> FromManifest(JournalManifest manifest)
    {
        if (manifest.Config is not { ValueKind: JsonValueKind.Object } config) return [];
        try
        {
            var profile = TradingProfile.FromJson(config);
            return profile is null ? [] : [.. profile.Bots.Select(b => new AnalyticsBot(b.Id, b.Name ?? $"bot-{b.Id}", b.Strategy)).OrderBy(b => b.Id)];
        }
        catch (JsonException)
        {
            return []; // a configuration of another shape: bots are then known by id only
        }
    }

    /// <summary>The bot id <paramref name="filter"/> names (an id or a configured name), or an error.</summary>
    public static bool TryResolve(string? filter, IReadOnlyList<AnalyticsBot> bots, out int? botId, out string? error)
    {
        botId = null;
        error = null;
        if (string.IsNullOrEmpty(filter)) return true;
        if (int.TryParse(filter, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0)
        {
            botId = id;
            return true;
        }
        var named = bots.FirstOrDefault(b => string.Equals(b.Name, filter, StringComparison.Ordinal));
        if (named is not null)
        {
            botId = named.Id;
            return true;
        }
        error = bots.Count == 0
            ? $"bot '{filter}': not a bot id, and the journal's configuration names no bots."
            : $"bot '{filter}': not a bot id or name (bots: {string.Join(", ", bots.Select(b => $"{b.Id}:{b.Name}"))}).";
        return false;
    }
}

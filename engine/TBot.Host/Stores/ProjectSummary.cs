using System.Text.Json.Serialization;

namespace TBot.Host.Stores;

/// <summary>What <c>tbot project --json</c> writes.</summary>
public sealed record ProjectSummary
{
    [JsonPropertyName("journal")] public string Journal { get; init; } = "";
    [JsonPropertyName("journal_id")] public string JournalId { get; init; } = "";
    [JsonPropertyName("projections")] public SortedDictionary<string, ProjectionReport> Projections { get; init; } = [];
}

using System.Text.Json.Serialization;
using TBot.Engine.Numerics;

namespace TBot.Host.Running;

/// <summary>The live-trading part of a run summary: what reconciliation found and did, and the gateway's counts.</summary>
public sealed record LiveSummary
{
    [JsonPropertyName("reconciliation_in_sync")] public bool InSync { get; init; }
    /// <summary>Differences found at start-up, e.g. "MissedFills 3:7".</summary>
    [JsonPropertyName("differences")] public List<string> Differences { get; init; } = [];
    [JsonPropertyName("adopted")] public int Adopted { get; init; }
    [JsonPropertyName("cancelled_at_venue")] public int CancelledAtVenue { get; init; }
    [JsonPropertyName("balances")] public SortedDictionary<string, string> Balances { get; init; } = [];
    [JsonPropertyName("sent")] public long Sent { get; init; }
    [JsonPropertyName("acked")] public long Acked { get; init; }
    [JsonPropertyName("rejected")] public long Rejected { get; init; }
    [JsonPropertyName("fills")] public long Fills { get; init; }
    [JsonPropertyName("lost_responses")] public long LostResponses { get; init; }
    [JsonPropertyName("lost_resolved")] public long LostResolved { get; init; }
    [JsonPropertyName("duplicate_submits")] public long DuplicateSubmits { get; init; }

    public static LiveSummary From(LiveExecution live)
    {
        var r = live.Reconciliation;
        var s = live.Gateway.Stats;
        var balances = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var b in r?.Balances ?? []) balances[b.Asset] = FixedPoint.ToDecimalString(b.Total, TBot.Adapters.Execution.Binance.AssetBalance.Scale);
        return new LiveSummary
        {
            InSync = r?.InSync ?? false,
            Differences = r is null ? [] : [.. r.Differences.Select(d => $"{d.Kind} {TBot.Engine.Orders.ClientOrderIds.Bot(d.ClientOrderId)}:{TBot.Engine.Orders.ClientOrderIds.Counter(d.ClientOrderId)}")],
            Adopted = r?.Adopted ?? 0,
            CancelledAtVenue = r?.CancelledAtVenue ?? 0,
            Balances = balances,
            Sent = s.Sent,
            Acked = s.Acked,
            Rejected = s.Rejected,
            Fills = s.Fills,
            LostResponses = s.LostResponses,
            LostResolved = s.LostResolved,
            DuplicateSubmits = s.DuplicateSubmits,
        };
    }
}

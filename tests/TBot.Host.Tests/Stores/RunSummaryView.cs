using System.Globalization;
using System.Text.Json;

namespace TBot.Host.Tests.Stores;

/// <summary>One store's entry in the summary's <c>projections</c>.</summary>
internal sealed record ProjectionView(long Applied, long LagEvents, long Failures, string? LastError);

/// <summary>Typed reading of the parts of a <c>tbot run --json</c> summary the store tests look at.</summary>
internal sealed class RunSummaryView(JsonElement root)
{
    public JsonElement Root { get; } = root;

    public string JournalId => Root.GetProperty("journal_info").GetProperty("id").GetString()!;

    public long JournalLastPosition => Root.GetProperty("journal_info").GetProperty("last_position").GetInt64();

    public long Fills => Root.GetProperty("fills").GetInt64();

    public bool HasProjection(string name) => Root.GetProperty("projections").TryGetProperty(name, out _);

    public ProjectionView Projection(string name)
    {
        Assert.True(Root.GetProperty("projections").TryGetProperty(name, out var p), $"no projection '{name}' in the summary: {Root.GetProperty("projections")}");
        return new ProjectionView(p.GetProperty("applied").GetInt64(), p.GetProperty("lag_events").GetInt64(), p.GetProperty("failures").GetInt64(),
            p.GetProperty("last_error").GetString());
    }

    /// <summary><c>positions</c>: "1:mm-btcusdt" → "BTCUSDT@binance" → quantity, as (bot id, instrument key) → quantity.</summary>
    public Dictionary<(int Bot, string Instrument), decimal> Positions()
    {
        var result = new Dictionary<(int, string), decimal>();
        foreach (var bot in Root.GetProperty("positions").EnumerateObject())
        {
            var id = int.Parse(bot.Name[..bot.Name.IndexOf(':')], CultureInfo.InvariantCulture);
            foreach (var i in bot.Value.EnumerateObject()) result[(id, i.Name)] = decimal.Parse(i.Value.GetString()!, CultureInfo.InvariantCulture);
        }
        return result;
    }

    /// <summary><c>sync.peers</c> by journal id.</summary>
    public IReadOnlyDictionary<string, PeerViewFacts> Peers()
    {
        Assert.True(Root.TryGetProperty("sync", out var sync) && sync.ValueKind == JsonValueKind.Object, "the summary has no sync section (Redis was configured)");
        var result = new Dictionary<string, PeerViewFacts>(StringComparer.Ordinal);
        foreach (var peer in sync.GetProperty("peers").EnumerateObject())
        {
            var positions = new Dictionary<string, decimal>(StringComparer.Ordinal);
            foreach (var p in peer.Value.GetProperty("positions").EnumerateObject())
                positions[p.Name] = decimal.Parse(p.Value.GetString()!, CultureInfo.InvariantCulture);
            result[peer.Name] = new PeerViewFacts(positions, peer.Value.GetProperty("trades").GetInt64(), peer.Value.GetProperty("last_position").GetInt64());
        }
        return result;
    }
}

/// <summary>What one engine knows of a peer: "bot/venue:symbol" → quantity, fills seen, last journal position seen.</summary>
internal sealed record PeerViewFacts(IReadOnlyDictionary<string, decimal> Positions, long Trades, long LastPosition);

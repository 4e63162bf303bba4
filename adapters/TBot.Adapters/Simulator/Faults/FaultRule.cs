using TBot.Engine.Instruments;

namespace TBot.Adapters.Simulator.Faults;

/// <summary>
/// When to inject a fault: with <see cref="Probability"/> per eligible message (or REST request), and/or on
/// every <see cref="EveryN"/>-th eligible one. <see cref="Venue"/> None applies to all venues.
/// </summary>
public sealed record FaultRule(FaultKind Kind)
{
    /// <summary>0..1 chance per eligible message.</summary>
    public double Probability { get; init; }

    /// <summary>Inject on every N-th eligible message (0 = off).</summary>
    public int EveryN { get; init; }

    public Venue Venue { get; init; } = Venue.None;

    /// <summary>
    /// Parse "kind", "kind:p=0.01", "kind:every=100", optionally ":venue=okx", e.g. "SequenceGap:every=500:venue=binance".
    /// </summary>
    public static FaultRule Parse(string text)
    {
        var parts = text.Split(':', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0 || !Enum.TryParse<FaultKind>(parts[0], ignoreCase: true, out var kind))
            throw new FormatException($"Unknown fault '{text}'. Known: {string.Join(", ", Enum.GetNames<FaultKind>())}.");
        var rule = new FaultRule(kind);
        for (var i = 1; i < parts.Length; i++)
        {
            var kv = parts[i].Split('=', 2, StringSplitOptions.TrimEntries);
            if (kv.Length != 2) throw new FormatException($"Bad fault option '{parts[i]}' in '{text}'.");
            rule = kv[0].ToLowerInvariant() switch
            {
                "p" or "probability" => rule with { Probability = double.Parse(kv[1], System.Globalization.CultureInfo.InvariantCulture) },
                "every" or "everyn" => rule with { EveryN = int.Parse(kv[1], System.Globalization.CultureInfo.InvariantCulture) },
                "venue" => rule with { Venue = VenueNames.TryParse(kv[1], out var v) ? v : throw new FormatException($"Unknown venue '{kv[1]}'.") },
                _ => throw new FormatException($"Bad fault option '{parts[i]}' in '{text}'."),
            };
        }
        if (rule.Probability is < 0 or > 1 || rule.EveryN < 0) throw new FormatException($"Bad fault frequency in '{text}'.");
        return rule;
    }
}

namespace TBot.Host.Configuration;

/// <summary>
/// <c>TBOT_</c> environment variables as configuration keys, with the standard <c>__</c> nesting
/// (<c>TBOT_STORES__REDIS</c> is <c>stores:redis</c>, <c>TBOT_BOTS__0__RISK__MAX_OPEN_ORDERS</c> is
/// <c>bots:0:risk:max_open_orders</c>). Only variables whose first segment names a configuration section are taken:
/// the single-name variables that predate the layering (<c>TBOT_REDIS</c>, <c>TBOT_POSTGRES</c>,
/// <c>TBOT_BINANCE_API_KEY</c>, <c>TBOT_BINANCE_API_SECRET</c>) and the tests' <c>TBOT_TEST_*</c> keep their own
/// meaning. A nested variable under an unknown section is an error (a typo would otherwise be ignored).
/// </summary>
public static class TbotEnvironment
{
    public const string Prefix = "TBOT_";

    public static Dictionary<string, string?> Keys(IReadOnlyDictionary<string, string> environment, IReadOnlyCollection<string> sections, List<string> problems)
    {
        var keys = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in environment.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            if (!name.StartsWith(Prefix, StringComparison.Ordinal) || name.Length == Prefix.Length) continue;
            var key = name[Prefix.Length..].Replace("__", ":", StringComparison.Ordinal);
            var first = key.Split(':')[0];
            if (sections.Contains(first, StringComparer.OrdinalIgnoreCase)) keys[key] = value;
            else if (key.Contains(':', StringComparison.Ordinal))
                problems.Add($"environment {name}: '{first}' is not a configuration section (known: {string.Join(", ", sections)}).");
        }
        return keys;
    }
}

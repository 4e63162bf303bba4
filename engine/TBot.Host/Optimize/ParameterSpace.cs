using System.Globalization;
using TBot.Engine.Strategy;

namespace TBot.Host.Optimize;

/// <summary>
/// The values to try for each named strategy parameter, parsed from <c>--grid</c>/<c>--random</c> text
/// "entry_z=1..2:0.25,window_bars=10|20|40": <c>a..b:step</c> (inclusive), <c>a..b</c> (random only: uniform; whole
/// numbers for integer parameters) or <c>x|y|z</c>. Names and kinds come from the strategy's parameter list.
/// </summary>
public sealed class ParameterSpace
{
    public const int MaxCombinations = 100_000;

    private readonly List<Axis> _axes;

    private ParameterSpace(List<Axis> axes) => _axes = axes;

    public IReadOnlyList<string> Names => [.. _axes.Select(a => a.Name)];

    private sealed record Axis(string Name, ParameterKind Kind, IReadOnlyList<string>? Values, decimal From, decimal To, decimal? Step);

    /// <summary>Parse <paramref name="text"/> against <paramref name="specs"/>; null with problems when it does not fit.</summary>
    public static ParameterSpace? Parse(string text, IReadOnlyList<ParameterSpec> specs, bool random, List<string> problems)
    {
        var axes = new List<Axis>();
        var before = problems.Count;
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var kv = part.Split('=', 2, StringSplitOptions.TrimEntries);
            if (kv.Length != 2 || kv[0].Length == 0 || kv[1].Length == 0)
            {
                problems.Add($"'{part}': use name=a..b:step or name=x|y.");
                continue;
            }
            var (name, spec) = (kv[0], kv[1]);
            var p = specs.FirstOrDefault(s => s.Name == name);
            if (p is null)
            {
                problems.Add($"'{name}' is not a parameter of this strategy (known: {string.Join(", ", specs.Select(s => s.Name))}).");
                continue;
            }
            if (axes.Any(a => a.Name == name))
            {
                problems.Add($"'{name}' is given twice.");
                continue;
            }
            var numeric = p.Kind is ParameterKind.Integer or ParameterKind.Decimal;
            var range = spec.IndexOf("..", StringComparison.Ordinal);
            if (range < 0)
            {
                axes.Add(new Axis(name, p.Kind, spec.Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), 0, 0, null));
                continue;
            }
            if (!numeric)
            {
                problems.Add($"'{name}' is not a number: list its values (x|y).");
                continue;
            }
            var rest = spec[(range + 2)..];
            var colon = rest.IndexOf(':');
            var toText = colon < 0 ? rest : rest[..colon];
            decimal? step = null;
            if (!TryNumber(spec[..range], out var from) || !TryNumber(toText, out var to) || to < from)
            {
                problems.Add($"'{part}': a..b needs two numbers with a ≤ b.");
                continue;
            }
            if (colon >= 0)
            {
                if (!TryNumber(rest[(colon + 1)..], out var s) || s <= 0)
                {
                    problems.Add($"'{part}': the step must be a positive number.");
                    continue;
                }
                step = s;
            }
            else if (!random)
            {
                if (p.Kind != ParameterKind.Integer)
                {
                    problems.Add($"'{part}': a grid range needs a step (a..b:step).");
                    continue;
                }
                step = 1;
            }
            axes.Add(new Axis(name, p.Kind, null, from, to, step));
        }
        if (axes.Count == 0 && problems.Count == before) problems.Add("no parameters given.");
        if (problems.Count != before) return null;
        var space = new ParameterSpace(axes);
        if (!random)
        {
            double count = 1;
            foreach (var a in axes) count *= a.Values?.Count ?? (double)Math.Floor((a.To - a.From) / a.Step!.Value + 1);
            if (count > MaxCombinations)
            {
                problems.Add($"the grid has {count:N0} combinations (at most {MaxCombinations:N0}): use larger steps or --random N.");
                return null;
            }
        }
        return space;
    }

    /// <summary>Every combination, the last parameter varying fastest.</summary>
    public List<ParameterSet> Grid()
    {
        var lists = _axes.Select(a => a.Values ?? Steps(a)).ToList();
        var result = new List<ParameterSet>();
        var index = new int[lists.Count];
        while (true)
        {
            result.Add(new ParameterSet([.. _axes.Select((a, i) => new KeyValuePair<string, string>(a.Name, lists[i][index[i]]))]));
            var k = lists.Count - 1;
            while (k >= 0 && ++index[k] == lists[k].Count) index[k--] = 0;
            if (k < 0) return result;
        }
    }

    /// <summary><paramref name="count"/> distinct combinations drawn with <paramref name="seed"/> (fewer when the space
    /// is smaller); the same seed gives the same draws.</summary>
    public List<ParameterSet> Random(int count, int seed)
    {
        var rng = new System.Random(seed);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<ParameterSet>();
        for (var attempt = 0; result.Count < count && attempt < count * 50; attempt++)
        {
            var set = new ParameterSet([.. _axes.Select(a => new KeyValuePair<string, string>(a.Name, Draw(a, rng)))]);
            if (seen.Add(set.Text)) result.Add(set);
        }
        return result;
    }

    private static string Draw(Axis a, System.Random rng)
    {
        if (a.Values is { } values) return values[rng.Next(values.Count)];
        if (a.Step is { } step) return Format(a.From + step * rng.NextInt64((long)Math.Floor((a.To - a.From) / step) + 1));
        if (a.Kind == ParameterKind.Integer) return Format(rng.NextInt64((long)Math.Ceiling(a.From), (long)Math.Floor(a.To) + 1));
        return Format(Math.Round(a.From + (a.To - a.From) * (decimal)rng.NextDouble(), 6));
    }

    // Multiples of the step from the start (not repeated addition), so 0.1 steps do not drift.
    private static List<string> Steps(Axis a)
    {
        var list = new List<string>();
        for (long i = 0; a.From + a.Step!.Value * i <= a.To; i++) list.Add(Format(a.From + a.Step.Value * i));
        return list;
    }

    private static bool TryNumber(string text, out decimal value) =>
        decimal.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out value);

    /// <summary>Shortest text of a decimal (1.50 → "1.5").</summary>
    public static string Format(decimal value) => value.ToString("0.############################", CultureInfo.InvariantCulture);
}

using System.Globalization;

namespace TBot.Host.Tests.Http;

/// <summary>The samples of a Prometheus text exposition: series (name with labels, as written) → value.</summary>
internal static class PrometheusText
{
    public static Dictionary<string, double> Parse(string text)
    {
        var samples = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line[0] == '#') continue;
            var space = line.LastIndexOf(' ');
            samples[line[..space]] = double.Parse(line[(space + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture);
        }
        return samples;
    }

    public static double Value(Dictionary<string, double> samples, string series) =>
        samples.TryGetValue(series, out var v) ? v : throw new Xunit.Sdk.XunitException($"no series {series} in the scrape; tbot_ series: {string.Join(", ", samples.Keys.Where(k => k.StartsWith("tbot_", StringComparison.Ordinal)).Take(60))}");
}

using System.Globalization;
using TBot.Engine.Instruments;

namespace TBot.Adapters.History;

/// <summary>
/// Where catalog days live: <c>DIR/{venue}/{symbol}/{kind}/{yyyy-MM-dd}/</c>, each a journal directory. Days are
/// UTC. The default DIR is <see cref="DefaultDirectory"/> (relative to the working directory).
/// </summary>
public static class CatalogLayout
{
    public const string DefaultDirectory = "data/history";
    public const string DayFormat = "yyyy-MM-dd";
    public const long DayNs = 86_400_000_000_000;
    public const long DayMs = 86_400_000;

    public static string DayDirectory(string root, Venue venue, string symbol, CatalogKind kind, DateOnly day) =>
        Path.Combine(root, VenueNames.Name(venue), symbol, CatalogKinds.Name(kind), DayName(day));

    public static string DayName(DateOnly day) => day.ToString(DayFormat, CultureInfo.InvariantCulture);

    public static DateOnly DayOfMs(long unixMs) => DateOnly.FromDateTime(DateTime.UnixEpoch.AddMilliseconds(unixMs));

    public static long DayStartMs(DateOnly day) => (long)(day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc) - DateTime.UnixEpoch).TotalMilliseconds;

    public static bool TryParseDay(string name, out DateOnly day) =>
        DateOnly.TryParseExact(name, DayFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out day);

    /// <summary>Every day directory under <paramref name="root"/> (venue/symbol/kind/day), sorted.</summary>
    public static IEnumerable<(string Venue, string Symbol, string Kind, DateOnly Day, string Path)> EnumerateDays(string root)
    {
        if (!Directory.Exists(root)) yield break;
        foreach (var venueDir in Directory.GetDirectories(root).Order(StringComparer.Ordinal))
        foreach (var symbolDir in Directory.GetDirectories(venueDir).Order(StringComparer.Ordinal))
        foreach (var kindDir in Directory.GetDirectories(symbolDir).Order(StringComparer.Ordinal))
        foreach (var dayDir in Directory.GetDirectories(kindDir).Order(StringComparer.Ordinal))
        {
            if (!TryParseDay(Path.GetFileName(dayDir), out var day)) continue;
            if (!File.Exists(Path.Combine(dayDir, "manifest.json"))) continue;
            yield return (Path.GetFileName(venueDir), Path.GetFileName(symbolDir), Path.GetFileName(kindDir), day, dayDir);
        }
    }
}

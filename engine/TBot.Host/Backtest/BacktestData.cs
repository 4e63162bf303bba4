using System.Globalization;
using System.Text.Json;
using TBot.Engine.Backtest;
using TBot.Engine.Instruments;
using TBot.Engine.Journal;

namespace TBot.Host.Backtest;

/// <summary>
/// The input of a backtest, found on disk: either a catalog <c>DIR/{venue}/{symbol}/{kind}/{yyyy-MM-dd}/</c> of journal
/// leaves (kind trades | klines | book; metadata from the manifest's <c>config.catalog</c>, a sidecar
/// <c>catalog.json</c>, or the path), or one journal written by <c>tbot run</c> (DIR holds its manifest.json).
/// Leaves outside the --from/--to window (by their day) are left out without being opened. Instruments of all
/// leaves get one registry in a fixed order (by key), so ids, and results, do not depend on directory listing order.
/// </summary>
public sealed class BacktestData
{
    public const string DefaultDirectory = "data/history";

    public required string Directory { get; init; }

    /// <summary>"catalog" or "journal".</summary>
    public required string Source { get; init; }

    public required InstrumentRegistry Registry { get; init; }

    public required List<BacktestLeaf> Leaves { get; init; }

    /// <summary>Leaf kinds present (trades, klines, book, journal).</summary>
    public required SortedSet<string> Kinds { get; init; }

    /// <summary>Instruments whose data is klines only: the bar fill model and candle quotes apply to them.</summary>
    public required SortedSet<int> BarInstruments { get; init; }

    /// <summary>Instruments whose data is trades only (no quotes, no book): trades set a synthetic quote for them.</summary>
    public SortedSet<int> TradeInstruments { get; init; } = [];

    private sealed record LeafInfo(string Directory, string Relative, string Kind, long StartNs, JournalManifest Manifest);

    /// <summary>Find the data; null with problems when there is none or it is inconsistent.</summary>
    public static BacktestData? Discover(string directory, long? fromNs, long? toNs, List<string> problems)
    {
        var dir = Path.GetFullPath(directory);
        var emptyHelp = $"no market data in {dir}: run `tbot history fetch --venue binance --symbols ETHUSDT --kind trades --from .. --to .. --out {directory}` first, "
                        + "or pass --data with a journal written by `tbot run` (e.g. --data data/journal).";
        if (!System.IO.Directory.Exists(dir))
        {
            problems.Add(emptyHelp);
            return null;
        }
        var infos = new List<LeafInfo>();
        string source;
        if (File.Exists(JournalManifest.PathIn(dir)))
        {
            source = "journal";
            infos.Add(new LeafInfo(dir, ".", "journal", 0, JournalManifest.Load(dir)));
        }
        else
        {
            source = "catalog";
            foreach (var manifestPath in System.IO.Directory.EnumerateFiles(dir, JournalFormat.ManifestFileName, SearchOption.AllDirectories))
            {
                var leafDir = Path.GetDirectoryName(manifestPath)!;
                var relative = Path.GetRelativePath(dir, leafDir).Replace('\\', '/');
                JournalManifest manifest;
                try { manifest = JournalManifest.Load(leafDir); }
                catch (Exception ex) when (ex is IOException or InvalidDataException or JsonException)
                {
                    problems.Add($"{leafDir}: {ex.Message}");
                    continue;
                }
                var (kind, day) = Describe(leafDir, relative, manifest);
                var start = day is { } d ? (new DateTimeOffset(d.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).UtcTicks - DateTime.UnixEpoch.Ticks) * 100 : 0;
                // Klines are stamped at their close, so a day's last bar is at the next midnight: the window is inclusive.
                if (day is not null && (toNs is { } to && to < start || fromNs is { } from && from > start + 86_400_000_000_000)) continue;
                infos.Add(new LeafInfo(leafDir, relative, kind, start, manifest));
            }
        }
        if (infos.Count == 0)
        {
            if (problems.Count == 0) problems.Add(emptyHelp);
            return null;
        }

        // One registry over all leaves, ordered by instrument key.
        var byKey = new SortedDictionary<string, JournalInstrument>(StringComparer.Ordinal);
        foreach (var info in infos)
            foreach (var i in info.Manifest.Instruments)
            {
                var key = $"{i.Symbol}@{i.Venue}";
                if (byKey.TryGetValue(key, out var seen) && (seen.PriceScale != i.PriceScale || seen.QuantityScale != i.QuantityScale || seen.TickSize != i.TickSize || seen.StepSize != i.StepSize))
                    problems.Add($"{info.Directory}: {key} has other scales or tick/step than in another leaf.");
                byKey.TryAdd(key, i);
            }
        if (problems.Count > 0) return null;
        var registry = new InstrumentRegistry();
        foreach (var i in byKey.Values)
        {
            if (!VenueNames.TryParse(i.Venue, out var venue))
            {
                problems.Add($"{i.Symbol}: unknown venue '{i.Venue}'.");
                continue;
            }
            registry.Add(venue, i.Symbol, i.PriceScale, i.QuantityScale, i.TickSize, i.StepSize);
        }
        if (problems.Count > 0) return null;

        infos.Sort((a, b) => a.StartNs != b.StartNs ? a.StartNs.CompareTo(b.StartNs) : string.CompareOrdinal(a.Relative, b.Relative));
        var leaves = new List<BacktestLeaf>();
        var kinds = new SortedSet<string>(StringComparer.Ordinal);
        var klinesOnly = new Dictionary<int, bool>();
        var tradesOnly = new Dictionary<int, bool>();
        foreach (var info in infos)
        {
            var map = new int[info.Manifest.Instruments.Count == 0 ? 1 : info.Manifest.Instruments.Max(i => i.Id) + 1];
            foreach (var i in info.Manifest.Instruments)
            {
                VenueNames.TryParse(i.Venue, out var venue);
                registry.TryGet(venue, i.Symbol, out var global);
                map[i.Id] = global.Id;
                klinesOnly[global.Id] = (klinesOnly.TryGetValue(global.Id, out var k) ? k : true) && info.Kind == "klines";
                tradesOnly[global.Id] = (tradesOnly.TryGetValue(global.Id, out var t) ? t : true) && info.Kind == "trades";
            }
            leaves.Add(new BacktestLeaf(info.Directory, info.StartNs, map));
            kinds.Add(info.Kind);
        }
        return new BacktestData
        {
            Directory = dir,
            Source = source,
            Registry = registry,
            Leaves = leaves,
            Kinds = kinds,
            BarInstruments = [.. klinesOnly.Where(p => p.Value).Select(p => p.Key)],
            TradeInstruments = [.. tradesOnly.Where(p => p.Value).Select(p => p.Key)],
        };
    }

    /// <summary>Kind and day of a catalog leaf: manifest <c>config.catalog</c>, else <c>catalog.json</c>, else the path.</summary>
    private static (string Kind, DateOnly? Day) Describe(string leafDir, string relative, JournalManifest manifest)
    {
        JsonElement? catalog = null;
        if (manifest.Config is { ValueKind: JsonValueKind.Object } cfg && cfg.TryGetProperty("catalog", out var c)) catalog = c;
        else if (File.Exists(Path.Combine(leafDir, "catalog.json")))
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(leafDir, "catalog.json")));
            var root = doc.RootElement.TryGetProperty("catalog", out var inner) ? inner : doc.RootElement;
            catalog = root.Clone();
        }
        var parts = relative.Split('/');
        string? kind = null, dayText = null;
        if (catalog is { ValueKind: JsonValueKind.Object } meta)
        {
            if (meta.TryGetProperty("kind", out var k) && k.ValueKind == JsonValueKind.String) kind = k.GetString();
            if (meta.TryGetProperty("day", out var d) && d.ValueKind == JsonValueKind.String) dayText = d.GetString();
        }
        kind ??= parts.Length >= 2 ? parts[^2] : "journal";
        dayText ??= parts[^1];
        DateOnly? day = DateOnly.TryParseExact(dayText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed) ? parsed : null;
        return (kind!, day);
    }
}

using TBot.Adapters.History;
using TBot.Engine.Journal;

namespace TBot.Host.History;

/// <summary>
/// One catalog day as PostgreSQL sees it: its identity (venue, symbol, kind, day, from the directory layout), its
/// journal id and the checkpoint its store commits under. The journal id is in the name so a day deleted and
/// fetched again (a new journal, positions from 1) is stored again rather than taken as done.
/// </summary>
public sealed record CatalogDayJournal(string Venue, string Symbol, string Kind, DateOnly Day, string JournalId, string Directory)
{
    public string Checkpoint => $"history:{Venue}:{Symbol}:{Kind}:{CatalogLayout.DayName(Day)}:{JournalId}";

    /// <summary>The UTC days its records fall in: klines close (record time) up to the next midnight.</summary>
    public IReadOnlyList<DateOnly> RowDays => Kind == CatalogKinds.Name(CatalogKind.Klines) ? [Day, Day.AddDays(1)] : [Day];

    /// <summary>Read from a day directory <c>.../{venue}/{symbol}/{kind}/{yyyy-MM-dd}</c>.</summary>
    public static CatalogDayJournal Open(string dayDirectory)
    {
        var full = Path.GetFullPath(dayDirectory.TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar));
        var kindDir = Path.GetDirectoryName(full) ?? throw new ArgumentException($"{dayDirectory} is not a catalog day directory.", nameof(dayDirectory));
        var symbolDir = Path.GetDirectoryName(kindDir)!;
        var venueDir = Path.GetDirectoryName(symbolDir)!;
        if (!CatalogLayout.TryParseDay(Path.GetFileName(full), out var day))
            throw new ArgumentException($"{dayDirectory}: the last part is not a day (yyyy-MM-dd).", nameof(dayDirectory));
        var manifest = JournalManifest.Load(full);
        return new CatalogDayJournal(Path.GetFileName(venueDir), Path.GetFileName(symbolDir), Path.GetFileName(kindDir), day, manifest.JournalId, full);
    }
}

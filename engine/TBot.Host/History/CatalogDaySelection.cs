using TBot.Adapters.History;

namespace TBot.Host.History;

/// <summary>Which catalog days <c>tbot history store</c> loads: venue, symbol and kind (null = any) and an inclusive
/// UTC day range.</summary>
public sealed record CatalogDaySelection(string? Venue = null, string? Symbol = null, string? Kind = null, DateOnly? From = null, DateOnly? To = null)
{
    public static readonly CatalogDaySelection All = new();

    /// <summary>The day directories under <paramref name="root"/> that match, sorted (venue, symbol, kind, day).</summary>
    public IReadOnlyList<string> Select(string root) =>
        [.. CatalogLayout.EnumerateDays(root)
            .Where(d => (Venue is null || string.Equals(d.Venue, Venue, StringComparison.OrdinalIgnoreCase))
                     && (Symbol is null || string.Equals(d.Symbol, Symbol, StringComparison.OrdinalIgnoreCase))
                     && (Kind is null || string.Equals(d.Kind, Kind, StringComparison.OrdinalIgnoreCase))
                     && (From is null || d.Day >= From) && (To is null || d.Day <= To))
            .Select(d => d.Path)];
}

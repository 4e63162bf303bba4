using TBot.Engine.Instruments;

namespace TBot.Host.Http;

/// <summary>The venues a run trades: those with at least one registered instrument.</summary>
public static class RunVenues
{
    public static IReadOnlyList<Venue> Of(InstrumentRegistry registry)
    {
        var venues = new SortedSet<Venue>();
        foreach (var instrument in registry.All) venues.Add(instrument.Venue);
        return [.. venues];
    }
}

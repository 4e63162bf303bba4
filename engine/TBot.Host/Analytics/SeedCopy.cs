using TBot.Host.Dashboard;

namespace TBot.Host.Analytics;

/// <summary>
/// Deep copies of the mutable state a <see cref="WindowSeed"/> carries: a seed must not share an object with the
/// projection it was taken from (which keeps mutating it) nor with one restored from it (which mutates its own).
/// Every field is copied; <c>WindowSeedTests</c> fails when a field is added to one of these types and not here.
/// </summary>
internal static class SeedCopy
{
    public static DashboardInstrument Instrument(DashboardInstrument s)
    {
        var c = new DashboardInstrument(s.Instrument)
        {
            Bid = s.Bid, BidSize = s.BidSize, Ask = s.Ask, AskSize = s.AskSize, QuotePosition = s.QuotePosition,
            Last = s.Last, LastPosition = s.LastPosition, BookPosition = s.BookPosition, TimeNs = s.TimeNs, Stale = s.Stale,
            Version = s.Version,
        };
        foreach (var (price, quantity) in s.Bids) c.Bids.Add(price, quantity);
        foreach (var (price, quantity) in s.Asks) c.Asks.Add(price, quantity);
        return c;
    }

    public static DashboardInstrument?[] Instruments(DashboardInstrument?[] s)
    {
        var c = new DashboardInstrument?[s.Length];
        for (var i = 0; i < s.Length; i++) c[i] = s[i] is { } instrument ? Instrument(instrument) : null;
        return c;
    }

    public static DashboardPosition Position(DashboardPosition s) => new(s.BotId, s.InstrumentId)
    {
        Quantity = s.Quantity, Cost = s.Cost, Realized = s.Realized, Fees = s.Fees, Fills = s.Fills,
    };

    public static TrackedOrder Order(TrackedOrder s) => new()
    {
        BotId = s.BotId, InstrumentId = s.InstrumentId, Side = s.Side, Type = s.Type, Quantity = s.Quantity, Filled = s.Filled,
        SubmitNs = s.SubmitNs, CancelRequestNs = s.CancelRequestNs, MidSum = s.MidSum, Counted = s.Counted,
        Accepted = s.Accepted, AnyFill = s.AnyFill,
    };
}

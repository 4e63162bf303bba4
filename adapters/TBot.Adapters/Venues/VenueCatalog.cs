using TBot.Adapters.Binance;
using TBot.Adapters.Coinbase;
using TBot.Adapters.Ingress;
using TBot.Adapters.Okx;
using TBot.Engine.Books;
using TBot.Engine.Instruments;

namespace TBot.Adapters.Venues;

/// <summary>The per-venue pieces the ingress path is assembled from: stream parser and book sync rules.</summary>
public static class VenueCatalog
{
    public static readonly Venue[] All = [Venue.Binance, Venue.Coinbase, Venue.Okx];

    /// <summary>A stream parser for <paramref name="venue"/> (Coinbase: the feed is recognised per frame).</summary>
    public static IFrameParser CreateParser(Venue venue, InstrumentRegistry registry) => venue switch
    {
        Venue.Binance => new BinanceStreamParser(registry),
        Venue.Coinbase => new CoinbaseFeedSniffingParser(registry),
        Venue.Okx => new OkxWsParser(registry),
        _ => throw new ArgumentOutOfRangeException(nameof(venue), venue, "No parser for this venue."),
    };

    /// <summary>The book sync rules of <paramref name="instrument"/>'s venue.</summary>
    public static IBookSyncRules BookRules(Instrument instrument) => instrument.Venue switch
    {
        Venue.Binance => BinanceBookRules.Instance,
        Venue.Coinbase => CoinbaseBookRules.Instance,
        Venue.Okx => new OkxBookRules(instrument),
        _ => throw new ArgumentOutOfRangeException(nameof(instrument), instrument.Venue, "No book rules for this venue."),
    };

    /// <summary>Register the venue's parser and a book per instrument of that venue.</summary>
    public static void Configure(IngressPipeline pipeline, Venue venue, InstrumentRegistry registry)
    {
        pipeline.AddParser(CreateParser(venue, registry));
        foreach (var instrument in registry.All)
            if (instrument.Venue == venue) pipeline.AddBook(instrument, BookRules(instrument));
    }
}

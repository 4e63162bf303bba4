using TBot.Adapters.Binance;
using TBot.Adapters.Okx;
using TBot.Engine.Instruments;

namespace TBot.Adapters.Venues;

/// <summary>
/// Start-up instrument metadata from the venues (Binance <c>exchangeInfo</c>, OKX <c>public/instruments</c>):
/// price/quantity scales and tick/step sizes, so a configuration only needs to name the symbols. Edge code.
/// </summary>
public static class InstrumentMetadata
{
    /// <summary>True for venues whose metadata TBot can fetch.</summary>
    public static bool CanFetch(Venue venue) => venue is Venue.Binance or Venue.Okx;

    /// <summary>Fetch metadata for <paramref name="symbols"/> from <paramref name="restBase"/> and register them.
    /// Throws with a clear message when a symbol is unknown to the venue.</summary>
    public static async Task<IReadOnlyList<Instrument>> FetchAndRegisterAsync(Venue venue, Uri restBase, IReadOnlyCollection<string> symbols,
        InstrumentRegistry registry, HttpClient http, CancellationToken cancellationToken)
    {
        var wanted = new HashSet<string>(symbols, StringComparer.Ordinal);
        var registered = new List<Instrument>();
        switch (venue)
        {
            case Venue.Binance:
            {
                var query = Uri.EscapeDataString("[" + string.Join(",", wanted.Select(s => $"\"{s}\"")) + "]");
                var body = await http.GetByteArrayAsync(new Uri(restBase, $"/api/v3/exchangeInfo?symbols={query}"), cancellationToken).ConfigureAwait(false);
                var info = BinanceExchangeInfo.Parse(body);
                registered.AddRange(info.RegisterInstruments(registry, s => wanted.Contains(s.Symbol)));
                break;
            }
            case Venue.Okx:
            {
                var body = await http.GetByteArrayAsync(new Uri(restBase, "/api/v5/public/instruments?instType=SPOT"), cancellationToken).ConfigureAwait(false);
                foreach (var info in OkxInstruments.Parse(body))
                    if (wanted.Contains(info.InstId)) registered.Add(OkxInstruments.Register(registry, info));
                break;
            }
            default:
                throw new NotSupportedException($"No instrument metadata endpoint for {VenueNames.Name(venue)}: give priceScale/quantityScale in the configuration.");
        }
        var missing = wanted.Where(s => !registered.Any(i => i.Symbol == s)).ToList();
        if (missing.Count > 0)
            throw new InvalidOperationException($"{VenueNames.Name(venue)} does not list: {string.Join(", ", missing)}");
        return registered;
    }
}

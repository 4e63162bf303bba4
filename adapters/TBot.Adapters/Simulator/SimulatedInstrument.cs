using TBot.Engine.Instruments;

namespace TBot.Adapters.Simulator;

/// <summary>
/// One simulated instrument: venue symbol, fixed-point scales, tick/step (mantissas at those scales), the
/// starting price (price mantissa) and a typical level size (quantity mantissa) that sizes the book.
/// </summary>
public sealed record SimulatedInstrument(
    Venue Venue,
    string Symbol,
    int PriceScale,
    int QuantityScale,
    long TickSize,
    long StepSize,
    long InitialPrice,
    long TypicalLevelSize)
{
    /// <summary>Largest move of the fair value in one random-walk event, in ticks.</summary>
    public int WalkTicks { get; init; } = 3;

    /// <summary>Base asset ("BTC"); derived from the symbol when not set.</summary>
    public string? BaseAsset { get; init; }

    /// <summary>Quote asset ("USDT"); derived from the symbol when not set.</summary>
    public string? QuoteAsset { get; init; }

    private static readonly string[] KnownQuotes = ["USDT", "USDC", "FDUSD", "BUSD", "TUSD", "USD", "EUR", "BTC", "ETH", "BNB"];

    public string Base => BaseAsset ?? Split().Base;

    public string Quote => QuoteAsset ?? Split().Quote;

    private (string Base, string Quote) Split()
    {
        var dash = Symbol.IndexOf('-');
        if (dash > 0)
        {
            var second = Symbol.IndexOf('-', dash + 1);
            return (Symbol[..dash], second > 0 ? Symbol[(dash + 1)..second] : Symbol[(dash + 1)..]);
        }
        foreach (var q in KnownQuotes)
        {
            if (Symbol.Length > q.Length && Symbol.EndsWith(q, StringComparison.Ordinal)) return (Symbol[..^q.Length], q);
        }
        return (Symbol, "");
    }

    internal void Validate()
    {
        if (string.IsNullOrWhiteSpace(Symbol)) throw new ArgumentException("Symbol is required.");
        if (Venue == Venue.None) throw new ArgumentException($"{Symbol}: venue is required.");
        if (TickSize <= 0 || StepSize <= 0) throw new ArgumentException($"{Symbol}: tick and step sizes must be positive.");
        if (PriceScale is < 0 or > 12 || QuantityScale is < 0 or > 12) throw new ArgumentException($"{Symbol}: scales must be within 0..12.");
        if (InitialPrice <= 0 || InitialPrice % TickSize != 0) throw new ArgumentException($"{Symbol}: initial price must be a positive multiple of the tick.");
        if (TypicalLevelSize < StepSize) throw new ArgumentException($"{Symbol}: typical level size must be at least one step.");
        if (WalkTicks < 1) throw new ArgumentException($"{Symbol}: WalkTicks must be at least 1.");
    }
}

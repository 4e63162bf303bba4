namespace TBot.Engine.Instruments;

/// <summary>
/// A tradable instrument on one venue, interned once at start-up. Prices and quantities of this
/// instrument travel as <c>long</c> mantissas at <see cref="PriceScale"/> / <see cref="QuantityScale"/>
/// decimals; <see cref="TickSize"/> and <see cref="StepSize"/> are mantissas at those scales (0 = no rule).
/// </summary>
public sealed record Instrument(
    int Id,
    Venue Venue,
    string Symbol,
    int PriceScale,
    int QuantityScale,
    long TickSize,
    long StepSize)
{
    /// <summary>"BTCUSDT@binance".</summary>
    public string Key => $"{Symbol}@{VenueNames.Name(Venue)}";

    public override string ToString() => Key;
}

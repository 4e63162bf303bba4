namespace TBot.Adapters.Simulator.Market;

/// <summary>A price level as fixed-point mantissas at the instrument's price/quantity scale.</summary>
public readonly record struct PriceLevel(long Price, long Quantity);

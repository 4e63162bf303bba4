namespace TBot.Adapters.Simulator.Market;

/// <summary>One synthetic OHLCV bar (prices at the price scale, volume at the quantity scale).</summary>
public readonly record struct Candle(long OpenTimeMs, long Open, long High, long Low, long Close, long Volume, long QuoteVolume, int TradeCount);

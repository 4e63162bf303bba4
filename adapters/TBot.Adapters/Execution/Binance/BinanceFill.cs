namespace TBot.Adapters.Execution.Binance;

/// <summary>One element of a FULL new-order response's <c>fills</c>.</summary>
public readonly record struct BinanceFill(BinanceDecimal Price, BinanceDecimal Quantity, BinanceDecimal Commission, string CommissionAsset, long TradeId);

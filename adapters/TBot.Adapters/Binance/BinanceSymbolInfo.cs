namespace TBot.Adapters.Binance;

/// <summary>
/// One symbol of <c>/api/v3/exchangeInfo</c>, with its trading rules as the decimal strings Binance sends
/// (null when the filter is absent; "0.00000000" means the rule is disabled).
/// </summary>
public sealed record BinanceSymbolInfo(
    string Symbol,
    string Status,
    string BaseAsset,
    string QuoteAsset,
    string? TickSize,
    string? StepSize,
    string? MinQty,
    string? MinNotional,
    string? MinPrice = null,
    string? MaxPrice = null,
    string? MaxQty = null,
    int BaseAssetPrecision = 8,
    int QuoteAssetPrecision = 8)
{
    /// <summary>Only TRADING symbols accept orders; BREAK/HALT/… may have a frozen or empty book.</summary>
    public bool IsTrading => Status == "TRADING";
}

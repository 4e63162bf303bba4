namespace TBot.Adapters.Okx;

/// <summary>
/// One book level as the OKX checksum needs it: price and size mantissas at the instrument's scales, plus
/// the number of decimals each was written with on the wire ("8477" → 0, "8477.0" → 1), so the exact
/// received text can be regenerated (see <see cref="OkxBookChecksum"/>). Same layout as the engine's BookLevel.
/// </summary>
public struct OkxChecksumLevel
{
    public long Price;
    public long Quantity;
    public byte PriceDecimals;
    public byte QuantityDecimals;

    public OkxChecksumLevel(long price, long quantity, byte priceDecimals, byte quantityDecimals)
    {
        Price = price;
        Quantity = quantity;
        PriceDecimals = priceDecimals;
        QuantityDecimals = quantityDecimals;
    }
}

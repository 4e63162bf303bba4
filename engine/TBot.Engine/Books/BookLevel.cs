namespace TBot.Engine.Books;

/// <summary>One price level: fixed-point price and size, plus the decimals they were received with
/// (so the original text can be reproduced for venue checksums).</summary>
public struct BookLevel
{
    public long Price;
    public long Quantity;
    public byte PriceDecimals;
    public byte QuantityDecimals;
}

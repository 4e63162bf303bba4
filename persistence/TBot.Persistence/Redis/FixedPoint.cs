namespace TBot.Persistence.Redis;

/// <summary>Journal mantissas as exact decimals: <c>decimal</c> keeps the scale, so JSON shows "50000.10", not a
/// binary float's approximation.</summary>
internal static class FixedPoint
{
    public const int MoneyScale = TBot.Engine.Orders.Money.Scale;

    public static decimal ToDecimal(long mantissa, int scale)
    {
        var negative = mantissa < 0;
        // Unsigned magnitude, so long.MinValue does not overflow.
        var magnitude = negative ? (ulong)(-(mantissa + 1)) + 1 : (ulong)mantissa;
        return new decimal((int)(uint)magnitude, (int)(uint)(magnitude >> 32), 0, negative, (byte)scale);
    }
}

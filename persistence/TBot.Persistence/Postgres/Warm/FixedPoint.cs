namespace TBot.Persistence.Postgres.Warm;

/// <summary>Journal mantissas to <c>numeric</c>: exact, since a long has at most 19 digits and decimal keeps 28.</summary>
public static class FixedPoint
{
    private static readonly decimal[] Pow10 = BuildPowers();

    public static decimal ToDecimal(long mantissa, int scale)
    {
        if ((uint)scale >= (uint)Pow10.Length) throw new ArgumentOutOfRangeException(nameof(scale), scale, "Scale must be 0..18.");
        return mantissa / Pow10[scale];
    }

    private static decimal[] BuildPowers()
    {
        var p = new decimal[19];
        p[0] = 1m;
        for (var i = 1; i < p.Length; i++) p[i] = p[i - 1] * 10m;
        return p;
    }
}

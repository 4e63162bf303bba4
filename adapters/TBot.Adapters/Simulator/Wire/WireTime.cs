namespace TBot.Adapters.Simulator.Wire;

/// <summary>Clock and timestamp text in the venues' formats (Unix ms, RFC 3339, Go's time.String()), allocation-free.</summary>
public static class WireTime
{
    private const long UnixEpochTicks = 621_355_968_000_000_000L;

    /// <summary>Wall clock as Unix epoch nanoseconds (100 ns resolution).</summary>
    public static long NowNs() => (DateTime.UtcNow.Ticks - UnixEpochTicks) * 100;

    public static long ToUnixMs(long unixNs) => unixNs / 1_000_000;

    public static DateTime ToDateTime(long unixNs) => new(UnixEpochTicks + unixNs / 100, DateTimeKind.Utc);

    /// <summary>"2023-02-09T20:32:50.714964855Z" with <paramref name="fractionDigits"/> (0..9) fractional digits.</summary>
    public static int FormatRfc3339(long unixNs, int fractionDigits, Span<byte> destination)
    {
        var w = WriteDateTime(unixNs, (byte)'T', destination);
        w += WriteFraction(unixNs, fractionDigits, destination[w..]);
        destination[w++] = (byte)'Z';
        return w;
    }

    /// <summary>Go's time.String(): "2023-06-23 20:31:56.121961769 +0000 UTC m=+91717.525857105" (Coinbase heartbeats).</summary>
    public static int FormatGoTime(long unixNs, long monotonicNs, Span<byte> destination)
    {
        var w = WriteDateTime(unixNs, (byte)' ', destination);
        w += WriteFraction(unixNs, 9, destination[w..]);
        " +0000 UTC m=+"u8.CopyTo(destination[w..]);
        w += 14;
        w += WriteDigits(monotonicNs / 1_000_000_000, 1, destination[w..]);
        destination[w++] = (byte)'.';
        w += WriteDigits(monotonicNs % 1_000_000_000, 9, destination[w..]);
        return w;
    }

    private static int WriteDateTime(long unixNs, byte separator, Span<byte> d)
    {
        var t = ToDateTime(unixNs);
        var w = WriteDigits(t.Year, 4, d);
        d[w++] = (byte)'-';
        w += WriteDigits(t.Month, 2, d[w..]);
        d[w++] = (byte)'-';
        w += WriteDigits(t.Day, 2, d[w..]);
        d[w++] = separator;
        w += WriteDigits(t.Hour, 2, d[w..]);
        d[w++] = (byte)':';
        w += WriteDigits(t.Minute, 2, d[w..]);
        d[w++] = (byte)':';
        w += WriteDigits(t.Second, 2, d[w..]);
        return w;
    }

    private static int WriteFraction(long unixNs, int digits, Span<byte> d)
    {
        if (digits <= 0) return 0;
        var fraction = unixNs % 1_000_000_000;
        if (fraction < 0) fraction += 1_000_000_000;
        for (var i = digits; i < 9; i++) fraction /= 10;
        d[0] = (byte)'.';
        return 1 + WriteDigits(fraction, digits, d[1..]);
    }

    /// <summary>Zero-padded to at least <paramref name="minDigits"/>.</summary>
    private static int WriteDigits(long value, int minDigits, Span<byte> d)
    {
        Span<byte> tmp = stackalloc byte[20];
        var n = 0;
        var v = (ulong)Math.Max(0, value);
        do
        {
            tmp[n++] = (byte)('0' + (int)(v % 10));
            v /= 10;
        } while (v != 0);
        while (n < minDigits) tmp[n++] = (byte)'0';
        for (var i = 0; i < n; i++) d[i] = tmp[n - 1 - i];
        return n;
    }
}

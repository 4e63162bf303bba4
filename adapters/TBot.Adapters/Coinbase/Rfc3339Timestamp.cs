namespace TBot.Adapters.Coinbase;

/// <summary>
/// RFC 3339 timestamps ("2023-02-09T20:32:50.714964855Z") from UTF-8 bytes to Unix epoch nanoseconds,
/// without allocating. <see cref="DateTimeOffset"/> parsing needs chars and keeps only 100 ns ticks, and
/// Coinbase sends nanoseconds.
/// Accepted: <c>YYYY-MM-DD</c>, then <c>T</c>, <c>t</c> or a space, <c>hh:mm:ss</c>, an optional fraction of
/// 1–9 digits (further digits are truncated: a long of nanoseconds cannot hold them), then <c>Z</c>/<c>z</c>,
/// <c>±hh:mm</c>, or nothing (read as UTC: the Exchange feed sends some times without a zone).
/// Seconds = 60 (a leap second) is accepted and lands on the next minute. The range is what a long of
/// nanoseconds holds: 1677-09-21T00:12:44Z to 2262-04-11T23:47:16.854775807Z.
/// </summary>
public static class Rfc3339Timestamp
{
    private const long NanosPerSecond = 1_000_000_000;
    private const int SecondsPerDay = 86_400;

    // Whole seconds whose nanoseconds fit a long (1677-09-21T00:12:44Z .. 2262-04-11T23:47:16Z); the fraction
    // is range-checked separately at the top end.
    private const long MaxSeconds = long.MaxValue / NanosPerSecond;
    private const long MinSeconds = long.MinValue / NanosPerSecond;

    // "YYYY-MM-DDThh:mm:ss"
    private const int MinLength = 19;

    // Multiplier that turns a fraction of n digits into nanoseconds, by n.
    private static readonly int[] FractionScale = [1, 100_000_000, 10_000_000, 1_000_000, 100_000, 10_000, 1_000, 100, 10, 1];

    /// <summary>Parse <paramref name="utf8"/>; false (and 0) when it is not a valid timestamp in that form or
    /// is outside the range a long of nanoseconds can hold.</summary>
    public static bool TryParseUnixNanos(ReadOnlySpan<byte> utf8, out long unixNanos)
    {
        unixNanos = 0;
        if (utf8.Length < MinLength) return false;
        if (!TryDigits(utf8, 0, 4, out var year) || utf8[4] != (byte)'-'
            || !TryDigits(utf8, 5, 2, out var month) || utf8[7] != (byte)'-'
            || !TryDigits(utf8, 8, 2, out var day))
            return false;
        if (utf8[10] is not ((byte)'T' or (byte)'t' or (byte)' ')) return false;
        if (!TryDigits(utf8, 11, 2, out var hour) || utf8[13] != (byte)':'
            || !TryDigits(utf8, 14, 2, out var minute) || utf8[16] != (byte)':'
            || !TryDigits(utf8, 17, 2, out var second))
            return false;
        if (month is < 1 or > 12 || day < 1 || day > DaysInMonth(year, month)) return false;
        if (hour > 23 || minute > 59 || second > 60) return false;

        var i = MinLength;
        long fraction = 0;
        if (i < utf8.Length && utf8[i] == (byte)'.')
        {
            i++;
            var digits = 0;
            for (; i < utf8.Length; i++)
            {
                var d = (uint)(utf8[i] - '0');
                if (d > 9) break;
                if (digits < 9) fraction = fraction * 10 + d;
                digits++;
            }
            if (digits == 0) return false;
            if (digits < 9) fraction *= FractionScale[digits];
        }

        var offsetSeconds = 0;
        if (i < utf8.Length)
        {
            var zone = utf8[i];
            if (zone is (byte)'Z' or (byte)'z')
            {
                i++;
            }
            else if (zone is (byte)'+' or (byte)'-')
            {
                if (utf8.Length - i < 6 || !TryDigits(utf8, i + 1, 2, out var offsetHours) || utf8[i + 3] != (byte)':'
                    || !TryDigits(utf8, i + 4, 2, out var offsetMinutes) || offsetHours > 23 || offsetMinutes > 59)
                    return false;
                offsetSeconds = offsetHours * 3600 + offsetMinutes * 60;
                if (zone == (byte)'-') offsetSeconds = -offsetSeconds;
                i += 6;
            }
            else
            {
                return false;
            }
        }
        if (i != utf8.Length) return false;

        // Local wall time minus the offset is UTC.
        var seconds = DaysFromCivil(year, month, day) * SecondsPerDay + hour * 3600L + minute * 60L + second - offsetSeconds;
        if (seconds is > MaxSeconds or < MinSeconds) return false;
        var wholeNanos = seconds * NanosPerSecond;
        if (wholeNanos > 0 && fraction > long.MaxValue - wholeNanos) return false;
        unixNanos = wholeNanos + fraction;
        return true;
    }

    private static bool TryDigits(ReadOnlySpan<byte> text, int offset, int count, out int value)
    {
        value = 0;
        for (var k = offset; k < offset + count; k++)
        {
            var d = (uint)(text[k] - '0');
            if (d > 9) return false;
            value = value * 10 + (int)d;
        }
        return true;
    }

    private static int DaysInMonth(int year, int month) => month switch
    {
        2 => IsLeapYear(year) ? 29 : 28,
        4 or 6 or 9 or 11 => 30,
        _ => 31,
    };

    private static bool IsLeapYear(int year) => (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;

    /// <summary>Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil).</summary>
    private static long DaysFromCivil(int year, int month, int day)
    {
        // Count years from March so that the leap day is the last day of the "year".
        var y = month <= 2 ? year - 1 : year;
        var era = (y >= 0 ? y : y - 399) / 400;
        var yearOfEra = y - era * 400;
        var shiftedMonth = month > 2 ? month - 3 : month + 9;
        var dayOfYear = (153 * shiftedMonth + 2) / 5 + day - 1;
        var dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
        return era * 146_097L + dayOfEra - 719_468;
    }
}

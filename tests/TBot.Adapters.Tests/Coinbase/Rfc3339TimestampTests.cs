using System.Text;
using TBot.Adapters.Coinbase;
using static TBot.Adapters.Tests.Coinbase.CoinbaseTestSupport;

namespace TBot.Adapters.Tests.Coinbase;

public class Rfc3339TimestampTests
{
    private static long Parse(string text)
    {
        Assert.True(Rfc3339Timestamp.TryParseUnixNanos(Encoding.UTF8.GetBytes(text), out var ns), text);
        return ns;
    }

    private static bool Fails(string text) => !Rfc3339Timestamp.TryParseUnixNanos(Encoding.UTF8.GetBytes(text), out var ns) && ns == 0;

    [Fact]
    public void Keeps_all_nine_fractional_digits()
    {
        Assert.Equal(UnixNs(2023, 2, 9, 20, 32, 50, 714_964_855), Parse("2023-02-09T20:32:50.714964855Z"));
        Assert.Equal(UnixNs(2023, 6, 23, 20, 31, 26, 122_969_572), Parse("2023-06-23T20:31:26.122969572Z"));
        Assert.Equal(UnixNs(2023, 2, 9, 20, 19, 35, 396_251_350), Parse("2023-02-09T20:19:35.39625135Z"));
    }

    [Theory]
    [InlineData("2026-04-07T14:30:00Z", 0L)]
    [InlineData("2026-04-07T14:30:00.1Z", 100_000_000L)]
    [InlineData("2026-04-07T14:30:00.12Z", 120_000_000L)]
    [InlineData("2026-04-07T14:30:00.123Z", 123_000_000L)]
    [InlineData("2026-04-07T14:30:00.1234Z", 123_400_000L)]
    [InlineData("2026-04-07T14:30:00.12345Z", 123_450_000L)]
    [InlineData("2026-04-07T14:30:00.123456Z", 123_456_000L)]
    [InlineData("2026-04-07T14:30:00.1234567Z", 123_456_700L)]
    [InlineData("2026-04-07T14:30:00.12345678Z", 123_456_780L)]
    [InlineData("2026-04-07T14:30:00.123456789Z", 123_456_789L)]
    [InlineData("2026-04-07T14:30:00.000000001Z", 1L)]
    [InlineData("2026-04-07T14:30:00.000000000Z", 0L)]
    public void Reads_zero_to_nine_fractional_digits(string text, long nanos) =>
        Assert.Equal(UnixNs(2026, 4, 7, 14, 30, 0, nanos), Parse(text));

    [Fact]
    public void Truncates_digits_beyond_nanoseconds() =>
        Assert.Equal(UnixNs(2026, 4, 7, 14, 30, 0, 123_456_789), Parse("2026-04-07T14:30:00.1234567899Z"));

    [Fact]
    public void Applies_offsets()
    {
        var utc = UnixNs(2026, 4, 7, 14, 30, 0, 500_000_000);
        Assert.Equal(utc, Parse("2026-04-07T14:30:00.5+00:00"));
        Assert.Equal(utc, Parse("2026-04-07T14:30:00.5-00:00"));
        Assert.Equal(utc, Parse("2026-04-07T20:00:00.5+05:30"));
        Assert.Equal(utc, Parse("2026-04-07T06:30:00.5-08:00"));
        // Offsets that cross midnight and a year boundary.
        Assert.Equal(UnixNs(2025, 12, 31, 23, 0, 0), Parse("2026-01-01T01:00:00+02:00"));
        Assert.Equal(UnixNs(2026, 1, 1, 1, 0, 0), Parse("2025-12-31T23:00:00-02:00"));
    }

    [Fact]
    public void Accepts_lower_case_and_space_separators_and_no_zone()
    {
        var expected = UnixNs(2023, 7, 4, 18, 14, 39);
        Assert.Equal(expected, Parse("2023-07-04T18:14:39Z"));
        Assert.Equal(expected, Parse("2023-07-04t18:14:39z"));
        Assert.Equal(expected, Parse("2023-07-04 18:14:39Z"));
        // The Exchange feed sends some times without a zone: read as UTC.
        Assert.Equal(expected, Parse("2023-07-04T18:14:39"));
    }

    [Fact]
    public void Placeholder_epoch_is_zero() => Assert.Equal(0, Parse("1970-01-01T00:00:00Z"));

    [Fact]
    public void Handles_dates_before_the_epoch_and_leap_days()
    {
        Assert.Equal(-1_000_000_000L + 250_000_000, Parse("1969-12-31T23:59:59.25Z"));
        Assert.Equal(UnixNs(2024, 2, 29, 12, 0, 0), Parse("2024-02-29T12:00:00Z"));
        Assert.Equal(UnixNs(2000, 2, 29, 0, 0, 0), Parse("2000-02-29T00:00:00Z"));
    }

    [Fact]
    public void Range_is_what_a_long_of_nanoseconds_holds()
    {
        Assert.Equal(long.MaxValue, Parse("2262-04-11T23:47:16.854775807Z"));
        Assert.True(Fails("2262-04-11T23:47:16.854775808Z"));
        Assert.True(Fails("2262-04-11T23:47:17Z"));
        Assert.Equal(UnixNs(1677, 9, 21, 0, 12, 44), Parse("1677-09-21T00:12:44Z"));
        Assert.True(Fails("1677-09-21T00:12:43Z"));
    }

    [Fact]
    public void Agrees_with_DateTimeOffset_across_many_dates()
    {
        var t = new DateTimeOffset(1970, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var step = TimeSpan.FromSeconds(86_400 * 13 + 3_607);
        for (var i = 0; i < 3_000; i++, t += step)
        {
            var text = t.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal(t.ToUnixTimeSeconds() * 1_000_000_000, Parse(text));
        }
    }

    [Fact]
    public void Leap_second_lands_on_the_next_minute() =>
        Assert.Equal(UnixNs(2017, 1, 1, 0, 0, 0), Parse("2016-12-31T23:59:60Z"));

    [Theory]
    [InlineData("")]
    [InlineData("2023-02-09")]
    [InlineData("2023-02-09T20:32")]
    [InlineData("2023-02-09T20:32:5")]
    [InlineData("2023-02-09X20:32:50Z")]
    [InlineData("2023/02/09T20:32:50Z")]
    [InlineData("2023-02-09T20-32-50Z")]
    [InlineData("2023-13-09T20:32:50Z")]
    [InlineData("2023-00-09T20:32:50Z")]
    [InlineData("2023-02-00T20:32:50Z")]
    [InlineData("2023-02-29T20:32:50Z")]
    [InlineData("1900-02-29T20:32:50Z")]
    [InlineData("2023-04-31T20:32:50Z")]
    [InlineData("2023-02-09T24:00:00Z")]
    [InlineData("2023-02-09T20:60:00Z")]
    [InlineData("2023-02-09T20:32:61Z")]
    [InlineData("2023-02-09T20:32:50.Z")]
    [InlineData("2023-02-09T20:32:50.")]
    [InlineData("2023-02-09T20:32:50ZZ")]
    [InlineData("2023-02-09T20:32:50Z ")]
    [InlineData("2023-02-09T20:32:50+05")]
    [InlineData("2023-02-09T20:32:50+0530")]
    [InlineData("2023-02-09T20:32:50+24:00")]
    [InlineData("2023-02-09T20:32:50+05:60")]
    [InlineData("2023-02-09T20:32:50,5Z")]
    [InlineData("+023-02-09T20:32:50Z")]
    [InlineData("2023-02-09T20:32:50 UTC")]
    [InlineData("2023-06-23 20:31:56.121961769 +0000 UTC m=+91717.525857105")] // Go time.String(): not RFC 3339
    [InlineData("9999-12-31T23:59:59Z")] // beyond what a long of nanoseconds holds
    [InlineData("1000-01-01T00:00:00Z")]
    public void Rejects_invalid_or_out_of_range_text(string text) => Assert.True(Fails(text), text);

    [Theory]
    [InlineData("2023-02-09T20:32:50.714964855+05:30")]
    [InlineData("2026-04-07T14:30:00.123456Z")]
    [InlineData("2023-07-04T18:14:39")]
    public void Parsing_does_not_allocate(string timestamp)
    {
        var text = Encoding.UTF8.GetBytes(timestamp);
        long sum = 0;
        for (var i = 0; i < 1_000; i++)
        {
            Rfc3339Timestamp.TryParseUnixNanos(text, out var ns);
            sum += ns;
        }
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100_000; i++)
        {
            Rfc3339Timestamp.TryParseUnixNanos(text, out var ns);
            sum += ns;
        }
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.NotEqual(0, sum);
    }
}

using System.Text;
using TBot.Engine.Numerics;

namespace TBot.Engine.Tests.Numerics;

public class FixedPointTests
{
    [Theory]
    [InlineData("25.35190000", 2535190000L, 8)]
    [InlineData("0.001", 1L, 3)]
    [InlineData("100", 100L, 0)]
    [InlineData("-0.0015", -15L, 4)]
    [InlineData("8477.0", 84770L, 1)]
    [InlineData("0.00000000", 0L, 8)]
    [InlineData("1e-5", 1L, 5)]
    [InlineData("1.5E+3", 1500L, 0)]
    [InlineData("000123.4500", 1234500L, 4)]
    public void Parses_mantissa_and_written_decimals(string text, long mantissa, int scale)
    {
        Assert.True(FixedPoint.TryParse(Encoding.ASCII.GetBytes(text), out var m, out var s));
        Assert.Equal(mantissa, m);
        Assert.Equal(scale, s);
    }

    [Theory]
    [InlineData("")]
    [InlineData("-")]
    [InlineData("abc")]
    [InlineData("1.2.3")]
    [InlineData("12a")]
    [InlineData("1e")]
    [InlineData(".")]
    [InlineData("99999999999999999999")]
    public void Rejects_non_numbers_and_overflow(string text) =>
        Assert.False(FixedPoint.TryParse(Encoding.ASCII.GetBytes(text), out _, out _));

    [Fact]
    public void Rescale_up_is_exact_and_down_refuses_to_drop_digits()
    {
        Assert.True(FixedPoint.TryRescale(15, 1, 8, out var up));
        Assert.Equal(150_000_000, up);
        Assert.True(FixedPoint.TryRescale(150_000_000, 8, 2, out var down));
        Assert.Equal(150, down);
        Assert.False(FixedPoint.TryRescale(150_000_001, 8, 2, out _));
        Assert.False(FixedPoint.TryRescale(long.MaxValue / 2, 0, 2, out _));
    }

    [Fact]
    public void Parse_to_target_scale_enforces_instrument_precision()
    {
        Assert.True(FixedPoint.TryParse("25.35190000"u8, 4, out var v));
        Assert.Equal(253519, v);
        Assert.False(FixedPoint.TryParse("25.35191"u8, 4, out _));
    }

    [Theory]
    [InlineData(84770L, 1, "8477.0")]
    [InlineData(8477L, 0, "8477")]
    [InlineData(5L, 3, "0.005")]
    [InlineData(-15L, 4, "-0.0015")]
    [InlineData(0L, 2, "0.00")]
    public void Formats_with_exact_decimals(long mantissa, int scale, string expected)
    {
        Span<byte> buffer = stackalloc byte[32];
        var n = FixedPoint.Format(mantissa, scale, buffer);
        Assert.Equal(expected, Encoding.ASCII.GetString(buffer[..n]));
    }

    [Fact]
    public void Decimal_edge_conversions_round_trip()
    {
        Assert.Equal(25.3519m, FixedPoint.ToDecimal(2535190000, 8));
        Assert.Equal(-0.0015m, FixedPoint.ToDecimal(-15, 4));
        Assert.True(FixedPoint.TryFromDecimal(25.3519m, 8, out var m));
        Assert.Equal(2535190000, m);
        Assert.False(FixedPoint.TryFromDecimal(0.123m, 2, out _));
        Assert.Equal("25.3519", FixedPoint.ToDecimalString(2535190000, 8));
    }
}

using System.Text;
using TBot.Adapters.Coinbase;

namespace TBot.Adapters.Tests.Coinbase;

public class CoinbaseTradeIdTests
{
    private static long Id(string text) => CoinbaseTradeId.FromText(Encoding.UTF8.GetBytes(text));

    [Fact]
    public void Numeric_ids_keep_their_value()
    {
        Assert.Equal(995_098_700, Id("995098700"));
        Assert.Equal(0, Id("000000000"));
        Assert.Equal(999_999_999_999_999_999, Id("999999999999999999"));
        Assert.Equal(0, Id(""));
    }

    [Fact]
    public void Fnv1a64_matches_the_reference_vectors()
    {
        Assert.Equal(0xcbf29ce484222325UL, CoinbaseTradeId.Fnv1a64(""u8));
        Assert.Equal(0xaf63dc4c8601ec8cUL, CoinbaseTradeId.Fnv1a64("a"u8));
        Assert.Equal(0x85944171f73967e8UL, CoinbaseTradeId.Fnv1a64("foobar"u8));
    }

    [Theory]
    [InlineData("ac928c66-ca53-498f-9c13-a110027a60e8")]
    [InlineData("12a")]
    [InlineData("-1")]
    [InlineData("9999999999999999999")] // 19 digits may not fit a long: hashed
    public void Other_ids_hash_to_stable_negative_values(string text)
    {
        var id = Id(text);
        Assert.True(id < 0);
        Assert.Equal(id, Id(text));
        Assert.Equal((long)(CoinbaseTradeId.Fnv1a64(Encoding.UTF8.GetBytes(text)) | (1UL << 63)), id);
    }
}

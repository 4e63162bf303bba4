using System.Text;
using TBot.Adapters.Okx;
using TBot.Engine.Books;

namespace TBot.Adapters.Tests.Okx;

public class OkxBookChecksumTests
{
    // Prices at scale 2, sizes at scale 8 (BTC-USDT in the tests).
    private const int PriceScale = 2;
    private const int QuantityScale = 8;

    /// <summary>Build a level from its wire strings the way the parser does (mantissa at the instrument scale
    /// plus the decimals written).</summary>
    private static OkxChecksumLevel L(string price, string size) =>
        new(Mantissa(price, PriceScale), Mantissa(size, QuantityScale), Decimals(price), Decimals(size));

    private static long Mantissa(string text, int scale)
    {
        Assert.True(TBot.Engine.Numerics.FixedPoint.TryParse(Encoding.ASCII.GetBytes(text), scale, out var v));
        return v;
    }

    private static byte Decimals(string text) => (byte)(text.Contains('.') ? text.Length - text.IndexOf('.') - 1 : 0);

    private static string Text(OkxChecksumLevel[] bids, OkxChecksumLevel[] asks)
    {
        var buffer = new byte[OkxBookChecksum.MaxTextLength];
        var n = OkxBookChecksum.WriteText(bids, asks, PriceScale, QuantityScale, buffer);
        return Encoding.ASCII.GetString(buffer, 0, n);
    }

    // ---- CRC-32 itself -------------------------------------------------------------------------------------

    [Fact]
    public void Crc32_StandardCheckValue()
    {
        Assert.Equal(0xCBF43926u, Crc32.Compute("123456789"u8));
        Assert.Equal(0u, Crc32.Compute([]));
        Assert.Equal(0x414FA339u, Crc32.Compute("The quick brown fox jumps over the lazy dog"u8));
    }

    [Fact]
    public void Crc32_SliceBy8_EqualsBitwiseReference_ForEveryLengthAndOffset()
    {
        var random = new Random(12345);
        var data = new byte[300];
        random.NextBytes(data);
        for (var offset = 0; offset < 8; offset++)
        {
            for (var length = 0; length + offset <= data.Length; length += 7)
            {
                var span = data.AsSpan(offset, length);
                Assert.Equal(Reference(span), Crc32.Compute(span));
            }
        }
    }

    [Fact]
    public void Crc32_Update_IsIncremental()
    {
        var data = "3366.1:7:3366.8:9:3366:6:3368:8"u8;
        var state = Crc32.Update(0xFFFFFFFFu, data[..5]);
        state = Crc32.Update(state, data[5..]);
        Assert.Equal(Crc32.Compute(data), ~state);
    }

    private static uint Reference(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++) crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
        }
        return ~crc;
    }

    // ---- §4.5 -------------------------------------------------------------------------------------------------

    [Fact]
    public void WorkedExample_FromTheDoc_IsAValidVector()
    {
        // bids [["3366.1","7","0","3"],["3366","6","3","4"]], asks [["3366.8","9","10","3"],["3368","8","3","4"]]
        OkxChecksumLevel[] bids = [L("3366.1", "7"), L("3366", "6")];
        OkxChecksumLevel[] asks = [L("3366.8", "9"), L("3368", "8")];
        Assert.Equal("3366.1:7:3366.8:9:3366:6:3368:8", Text(bids, asks));
        Assert.Equal(2413953002u, Crc32.Compute("3366.1:7:3366.8:9:3366:6:3368:8"u8));
        Assert.Equal(-1881014294, OkxBookChecksum.Compute(bids, asks, PriceScale, QuantityScale));
        Assert.True(OkxBookChecksum.Matches(-1881014294, bids, asks, PriceScale, QuantityScale));
        Assert.False(OkxBookChecksum.Matches(-1881014293, bids, asks, PriceScale, QuantityScale));
    }

    private static readonly OkxChecksumLevel[] SnapshotBids =
    [
        L("8476.97", "256"), L("8475.55", "101"), L("8475.54", "100"), L("8475.3", "1"),
        L("8447.32", "6"), L("8447.02", "246"), L("8446.83", "24"), L("8446", "95"),
    ];

    private static readonly OkxChecksumLevel[] SnapshotAsks =
    [
        L("8476.98", "415"), L("8477", "7"), L("8477.34", "85"), L("8477.56", "1"),
        L("8505.84", "8"), L("8506.37", "85"), L("8506.49", "2"), L("8506.96", "100"),
    ];

    [Fact]
    public void BooksSnapshotExample_ChecksumInTheDoc_IsNotAValidVector()
    {
        // The doc warns the snapshot example's checksum (-855196043) does not belong to its levels;
        // -2102840145 is zlib.crc32 of the interleaved string, computed independently.
        Assert.Equal(
            "8476.97:256:8476.98:415:8475.55:101:8477:7:8475.54:100:8477.34:85:8475.3:1:8477.56:1:" +
            "8447.32:6:8505.84:8:8447.02:246:8506.37:85:8446.83:24:8506.49:2:8446:95:8506.96:100",
            Text(SnapshotBids, SnapshotAsks));
        var computed = OkxBookChecksum.Compute(SnapshotBids, SnapshotAsks, PriceScale, QuantityScale);
        Assert.Equal(-2102840145, computed);
        Assert.NotEqual(-855196043, computed);
    }

    [Fact]
    public void VariablePrecision_8477_vs_8477_0_GiveDifferentChecksums()
    {
        var asks = (OkxChecksumLevel[])SnapshotAsks.Clone();
        asks[1] = L("8477.0", "7");
        Assert.Equal(asks[1].Price, SnapshotAsks[1].Price); // same price...
        Assert.Contains(":8477.0:7:", Text(SnapshotBids, asks)); // ...different text
        var with0 = OkxBookChecksum.Compute(SnapshotBids, asks, PriceScale, QuantityScale);
        var without = OkxBookChecksum.Compute(SnapshotBids, SnapshotAsks, PriceScale, QuantityScale);
        Assert.NotEqual(without, with0);
        Assert.Equal(1779815552, with0); // zlib.crc32 of the string with "8477.0"
    }

    [Fact]
    public void ChecksumZero_MeansNotProvided()
    {
        Assert.Equal(0, OkxBookChecksum.NotProvided);
        Assert.False(OkxBookChecksum.IsProvided(0));
        Assert.True(OkxBookChecksum.IsProvided(-1881014294));
        // Whatever the book, a venue checksum of 0 is never a mismatch.
        Assert.True(OkxBookChecksum.Matches(0, SnapshotBids, SnapshotAsks, PriceScale, QuantityScale));
        Assert.True(OkxBookChecksum.Matches(0, ReadOnlySpan<OkxChecksumLevel>.Empty, ReadOnlySpan<OkxChecksumLevel>.Empty, PriceScale, QuantityScale));
    }

    [Fact]
    public void OneSidedShortSide_IsSkipped_OtherSideContinues()
    {
        OkxChecksumLevel[] bids = [L("3366.1", "7")];
        OkxChecksumLevel[] asks = [L("3366.8", "9"), L("3368", "8"), L("3369.5", "1.25")];
        Assert.Equal("3366.1:7:3366.8:9:3368:8:3369.5:1.25", Text(bids, asks));
        Assert.Equal(-1335989374, OkxBookChecksum.Compute(bids, asks, PriceScale, QuantityScale));
        Assert.Equal(-1786096438, OkxBookChecksum.Compute([], asks[..2], PriceScale, QuantityScale));
        Assert.Equal(-1858900673, OkxBookChecksum.Compute([L("3366.1", "7"), L("3366", "6")], [], PriceScale, QuantityScale));
        Assert.Equal(0, OkxBookChecksum.Compute(ReadOnlySpan<OkxChecksumLevel>.Empty, ReadOnlySpan<OkxChecksumLevel>.Empty, PriceScale, QuantityScale));
    }

    [Fact]
    public void OnlyTheTop25LevelsPerSide_AreUsed()
    {
        var bids = Enumerable.Range(0, 40).Select(i => L((5000 - i).ToString() + ".5", "1." + i)).ToArray();
        var asks = Enumerable.Range(0, 30).Select(i => L((5001 + i).ToString(), "0.00" + (i + 1))).ToArray();
        Assert.Equal(Text(bids[..25], asks[..25]), Text(bids, asks));
        Assert.Equal(
            OkxBookChecksum.Compute(bids[..25], asks[..25], PriceScale, QuantityScale),
            OkxBookChecksum.Compute(bids, asks, PriceScale, QuantityScale));
        Assert.NotEqual(
            OkxBookChecksum.Compute(bids[..24], asks[..25], PriceScale, QuantityScale),
            OkxBookChecksum.Compute(bids, asks, PriceScale, QuantityScale));
        var text = Text(bids, asks);
        Assert.Equal(25 * 4 - 1, text.Count(c => c == ':'));
    }

    [Fact]
    public void FullDepth_WorstCaseText_FitsTheBuffer()
    {
        var wide = new OkxChecksumLevel(long.MinValue, long.MaxValue, 18, 18);
        var levels = Enumerable.Repeat(wide, 25).ToArray();
        var buffer = new byte[OkxBookChecksum.MaxTextLength];
        var n = OkxBookChecksum.WriteText(levels, levels, 0, 0, buffer);
        Assert.InRange(n, 1, buffer.Length);
        _ = OkxBookChecksum.Compute(levels, levels, 0, 0);
        _ = OkxBookChecksum.Compute(levels, levels, 18, 18);
    }

    [Theory]
    [InlineData(336610L, 2, (byte)1, "3366.1")]
    [InlineData(336600L, 2, (byte)0, "3366")]
    [InlineData(336610L, 2, (byte)2, "3366.10")]
    [InlineData(336610L, 2, (byte)4, "3366.1000")]
    [InlineData(7L, 0, (byte)2, "7.00")]
    [InlineData(5L, 2, (byte)2, "0.05")]
    [InlineData(0L, 8, (byte)0, "0")]
    [InlineData(336615L, 2, (byte)1, "3366.15")] // inconsistent decimals: never alter the value
    [InlineData(-150L, 2, (byte)1, "-1.5")]
    public void Numbers_AreWrittenWithTheReceivedDecimals(long mantissa, int scale, byte decimals, string expected)
    {
        var buffer = new byte[OkxBookChecksum.MaxTextLength];
        OkxChecksumLevel[] bids = [new(mantissa, 0, decimals, 0)];
        var n = OkxBookChecksum.WriteText(bids, [], scale, 0, buffer);
        Assert.Equal(expected + ":0", Encoding.ASCII.GetString(buffer, 0, n));
    }

    [Fact]
    public void BookLevelOverload_EqualsChecksumLevelOverload()
    {
        var bids = SnapshotBids.Select(ToBookLevel).ToArray();
        var asks = SnapshotAsks.Select(ToBookLevel).ToArray();
        Assert.Equal(
            OkxBookChecksum.Compute(SnapshotBids, SnapshotAsks, PriceScale, QuantityScale),
            OkxBookChecksum.Compute(bids, asks, PriceScale, QuantityScale));
        Assert.True(OkxBookChecksum.Matches(-2102840145, bids, asks, PriceScale, QuantityScale));
        Assert.True(OkxBookChecksum.Matches(0, bids, asks, PriceScale, QuantityScale));

        var buffer = new byte[OkxBookChecksum.MaxTextLength];
        var n = OkxBookChecksum.WriteText(bids, asks, PriceScale, QuantityScale, buffer);
        Assert.Equal(Text(SnapshotBids, SnapshotAsks), Encoding.ASCII.GetString(buffer, 0, n));
    }

    [Fact]
    public void EngineBookSide_CopyTop_FeedsTheChecksum()
    {
        // The book keeps the decimals of each level's latest update; checksum over its top levels.
        var bookBids = new BookSide(isBid: true, 16);
        var bookAsks = new BookSide(isBid: false, 16);
        foreach (var l in new[] { L("3366", "6"), L("3366.1", "7") }) bookBids.Set(l.Price, l.Quantity, l.PriceDecimals, l.QuantityDecimals);
        foreach (var l in new[] { L("3368", "8"), L("3366.8", "9") }) bookAsks.Set(l.Price, l.Quantity, l.PriceDecimals, l.QuantityDecimals);
        Span<BookLevel> bids = stackalloc BookLevel[OkxBookChecksum.LevelsPerSide];
        Span<BookLevel> asks = stackalloc BookLevel[OkxBookChecksum.LevelsPerSide];
        var nb = bookBids.CopyTop(bids);
        var na = bookAsks.CopyTop(asks);
        Assert.Equal(-1881014294, OkxBookChecksum.Compute(bids[..nb], asks[..na], PriceScale, QuantityScale));
    }

    private static BookLevel ToBookLevel(OkxChecksumLevel l) =>
        new() { Price = l.Price, Quantity = l.Quantity, PriceDecimals = l.PriceDecimals, QuantityDecimals = l.QuantityDecimals };
}

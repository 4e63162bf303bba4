using System.Text;
using TBot.Adapters.Simulator.Faults;
using TBot.Adapters.Simulator.Signing;
using TBot.Adapters.Simulator.Wire;
using TBot.Engine.Instruments;

namespace TBot.Adapters.Tests.Simulator;

public class WireHelpersTests
{
    [Fact]
    public void Crc32_StandardCheckValue() => Assert.Equal(0xCBF43926u, SimulatorCrc32.Compute("123456789"u8));

    [Fact]
    public void Crc32_OkxDocVector()
    {
        // okx.md §4.5 worked example.
        var text = Encoding.ASCII.GetBytes("3366.1:7:3366.8:9:3366:6:3368:8");
        Assert.Equal(2413953002u, SimulatorCrc32.Compute(text));
        Assert.Equal(-1881014294, SimulatorCrc32.ComputeSigned(text));
    }

    [Fact]
    public void Hmac_BinanceTestVectors()
    {
        // binance.md §4.5 official vectors.
        var signer = new HmacSha256Signer("NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j");
        const string payload = "symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTC&quantity=1&price=0.1&recvWindow=5000&timestamp=1499827319559";
        Assert.Equal("c8db56825ae71d6d79447849e617115f4a920fa2acdcab2b053c4b2838bd6b71", signer.Sign(payload));
        Assert.True(signer.Verify(payload, "C8DB56825AE71D6D79447849E617115F4A920FA2ACDCAB2B053C4B2838BD6B71"));
        Assert.False(signer.Verify(payload + "0", "c8db56825ae71d6d79447849e617115f4a920fa2acdcab2b053c4b2838bd6b71"));
        const string nonAscii = "symbol=%EF%BC%91%EF%BC%92%EF%BC%93%EF%BC%94%EF%BC%95%EF%BC%96&side=BUY&type=LIMIT&timeInForce=GTC&quantity=1&price=0.1&recvWindow=5000&timestamp=1499827319559";
        Assert.Equal("e1353ec6b14d888f1164ae9af8228a3dbd508bc82eb867db8ab6046442f33ef3", signer.Sign(nonAscii));
    }

    [Theory]
    [InlineData(2535190, 5, NumberStyle.Padded8, "25.35190000")]
    [InlineData(84770, 1, NumberStyle.Trimmed, "8477")]
    [InlineData(84771, 1, NumberStyle.Trimmed, "8477.1")]
    [InlineData(0, 8, NumberStyle.Trimmed, "0")]
    [InlineData(6890000, 2, NumberStyle.Exact, "68900.00")]
    [InlineData(150000000, 8, NumberStyle.Padded8, "1.50000000")]
    [InlineData(2, 8, NumberStyle.Trimmed, "0.00000002")]
    public void Numbers_FormatPerVenueStyle(long mantissa, int scale, NumberStyle style, string expected) =>
        Assert.Equal(expected, WireNumber.ToText(mantissa, scale, style));

    [Fact]
    public void Rfc3339_AndGoTime()
    {
        var ns = (new DateTime(2023, 2, 9, 20, 32, 50, DateTimeKind.Utc) - DateTime.UnixEpoch).Ticks * 100 + 714_964_855;
        Span<byte> buffer = stackalloc byte[96];
        var n = WireTime.FormatRfc3339(ns, 9, buffer);
        Assert.Equal("2023-02-09T20:32:50.714964855Z", Encoding.ASCII.GetString(buffer[..n]));
        n = WireTime.FormatRfc3339(ns, 6, buffer);
        Assert.Equal("2023-02-09T20:32:50.714964Z", Encoding.ASCII.GetString(buffer[..n]));
        n = WireTime.FormatGoTime(ns, 91_717_525_857_105, buffer);
        Assert.Equal("2023-02-09 20:32:50.714964855 +0000 UTC m=+91717.525857105", Encoding.ASCII.GetString(buffer[..n]));
    }

    [Fact]
    public void FaultRule_Parse()
    {
        var r = FaultRule.Parse("SequenceGap:every=500:venue=binance");
        Assert.Equal(FaultKind.SequenceGap, r.Kind);
        Assert.Equal(500, r.EveryN);
        Assert.Equal(Venue.Binance, r.Venue);
        Assert.Equal(0.25, FaultRule.Parse("malformedjson:p=0.25").Probability);
        Assert.Throws<FormatException>(() => FaultRule.Parse("nope"));
        Assert.Throws<FormatException>(() => FaultRule.Parse("DropConnection:p=2"));
    }

    [Fact]
    public void FaultInjector_EveryN_And_OneShot_AreCounted()
    {
        var f = new FaultInjector([new FaultRule(FaultKind.DuplicateMessage) { EveryN = 10, Venue = Venue.Okx }], 1);
        var hits = 0;
        for (var i = 0; i < 100; i++) if (f.ShouldInject(FaultKind.DuplicateMessage, Venue.Okx)) hits++;
        Assert.Equal(10, hits);
        Assert.False(f.ShouldInject(FaultKind.DuplicateMessage, Venue.Binance));
        Assert.False(f.ShouldInject(FaultKind.MalformedJson, Venue.Okx));
        f.InjectNext(FaultKind.MalformedJson, Venue.Binance);
        Assert.False(f.ShouldInject(FaultKind.MalformedJson, Venue.Okx));
        Assert.True(f.ShouldInject(FaultKind.MalformedJson, Venue.Binance));
        Assert.False(f.ShouldInject(FaultKind.MalformedJson, Venue.Binance));
        Assert.Equal(10, f.Counters[FaultKind.DuplicateMessage]);
        Assert.Equal(1, f.Counters[FaultKind.MalformedJson]);
    }
}

using TBot.Adapters.Okx;
using TBot.Engine.Instruments;
using static TBot.Adapters.Tests.Okx.OkxTestSupport;

namespace TBot.Adapters.Tests.Okx;

public class OkxInstrumentsTests
{
    // Shape of GET /api/v5/public/instruments (§3.4); values are illustrative (no verbatim example in the doc).
    private const string Body = """
        {"code":"0","msg":"","data":[
          {"instType":"SPOT","instId":"BTC-USDT","baseCcy":"BTC","quoteCcy":"USDT","tickSz":"0.1","lotSz":"0.00000001","minSz":"0.00001","state":"live","ctVal":"","expTime":"","listTime":"1606468572000"},
          {"instType":"SWAP","instId":"BTC-USDT-SWAP","baseCcy":"","quoteCcy":"","tickSz":"0.1","lotSz":"1","minSz":"1","state":"live","ctVal":"0.01","ctMult":"1","ctValCcy":"BTC"},
          {"instType":"SPOT","instId":"DOGE-USDT","baseCcy":"DOGE","quoteCcy":"USDT","tickSz":"0.00001","lotSz":"0.000001","minSz":"10","state":"suspend"},
          {"instType":"SPOT","instId":"NEW-USDT","tickSz":"5","lotSz":"0.10","state":"preopen"}
        ]}
        """;

    [Fact]
    public void Parse_ReadsTheRelevantFields()
    {
        var list = OkxInstruments.Parse(Utf8(Body));
        Assert.Equal(4, list.Count);
        Assert.Equal(new OkxInstrumentInfo("BTC-USDT", "SPOT", "BTC", "USDT", "0.1", "0.00000001", "0.00001", "live"), list[0]);
        Assert.True(list[0].IsLive);
        Assert.Equal("", list[1].BaseCcy);
        Assert.False(list[2].IsLive);
        Assert.Equal(("", "", ""), (list[3].BaseCcy, list[3].QuoteCcy, list[3].MinSize));
    }

    [Fact]
    public void Register_ScalesAreTheDecimalsOfTickAndLot()
    {
        var registry = new InstrumentRegistry();
        var n = OkxInstruments.RegisterAll(registry, OkxInstruments.Parse(Utf8(Body)));
        Assert.Equal(4, n);
        Assert.True(registry.TryGet(Venue.Okx, "BTC-USDT", out var btc));
        Assert.Equal((1, 8, 1L, 1L), (btc.PriceScale, btc.QuantityScale, btc.TickSize, btc.StepSize));
        Assert.True(registry.TryGet(Venue.Okx, "BTC-USDT-SWAP", out var swap));
        Assert.Equal((1, 0, 1L, 1L), (swap.PriceScale, swap.QuantityScale, swap.TickSize, swap.StepSize));
        Assert.True(registry.TryGet(Venue.Okx, "DOGE-USDT", out var doge));
        Assert.Equal((5, 6), (doge.PriceScale, doge.QuantityScale));
        Assert.True(registry.TryGet(Venue.Okx, "NEW-USDT", out var neu));
        Assert.Equal((0, 2, 5L, 10L), (neu.PriceScale, neu.QuantityScale, neu.TickSize, neu.StepSize));
        // The hot-path lookup resolves the UTF-8 instId.
        Assert.Equal(btc.Id, registry.Lookup(Venue.Okx, "BTC-USDT"u8));
    }

    [Fact]
    public void RegisterAll_WithFilter_OnlyLive()
    {
        var registry = new InstrumentRegistry();
        Assert.Equal(2, OkxInstruments.RegisterAll(registry, OkxInstruments.Parse(Utf8(Body)), i => i.IsLive));
        Assert.Equal(0, registry.Lookup(Venue.Okx, "DOGE-USDT"u8));
    }

    [Fact]
    public void RegisteredInstrument_ParsesWsFrames()
    {
        var registry = new InstrumentRegistry();
        OkxInstruments.RegisterAll(registry, OkxInstruments.Parse(Utf8(Body)));
        var parser = new OkxWsParser(registry);
        var (r, ev) = Parse(parser, OkxFixtures.WsTrades);
        Assert.Equal(TBot.Adapters.Ingress.FrameKind.Data, r.Kind);
        Assert.Equal(422199, Assert.Single(ev).Price); // "42219.9" at tickSz 0.1
    }

    [Fact]
    public void ErrorEnvelope_Throws()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => OkxInstruments.Parse(Utf8(OkxFixtures.RestErrorRateLimit)));
        Assert.Contains("50011", ex.Message);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("""{"msg":""}""")]
    [InlineData("""{"code":"0","data":{}}""")]
    [InlineData("""{"code":"0","data":[{"instId":"X","lotSz":"1"}]}""")]
    [InlineData("""{"code":"0","data":[{"instId":"X","tickSz":"","lotSz":"1"}]}""")]
    [InlineData("""{"code":"0","data":[1]}""")]
    public void BadBodies_Throw(string body)
    {
        Assert.Throws<FormatException>(() => OkxInstruments.Parse(Utf8(body)));
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("0")]
    [InlineData("-0.1")]
    public void BadIncrements_ThrowOnRegister(string tick)
    {
        var info = new OkxInstrumentInfo("X-USDT", "SPOT", "X", "USDT", tick, "1", "1", "live");
        Assert.Throws<FormatException>(() => OkxInstruments.Register(new InstrumentRegistry(), info));
    }
}

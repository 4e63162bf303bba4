using System.Text;
using TBot.Adapters.Binance;

namespace TBot.Adapters.Tests.Binance;

public class BinanceSignerTests
{
    private const string Secret = "NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j";
    private const string Payload = "symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTC&quantity=1&price=0.1&recvWindow=5000&timestamp=1499827319559";
    private const string Signature = "c8db56825ae71d6d79447849e617115f4a920fa2acdcab2b053c4b2838bd6b71";
    private const string EncodedSymbol = "%EF%BC%91%EF%BC%92%EF%BC%93%EF%BC%94%EF%BC%95%EF%BC%96";
    private const string NonAsciiPayload = "symbol=" + EncodedSymbol + "&side=BUY&type=LIMIT&timeInForce=GTC&quantity=1&price=0.1&recvWindow=5000&timestamp=1499827319559";
    private const string NonAsciiSignature = "e1353ec6b14d888f1164ae9af8228a3dbd508bc82eb867db8ab6046442f33ef3";

    private readonly BinanceSigner _signer = new(Secret);

    [Fact]
    public void OfficialVector() => Assert.Equal(Signature, _signer.Sign(Payload));

    [Fact]
    public void OfficialVector_NonAsciiSymbol() => Assert.Equal(NonAsciiSignature, _signer.Sign(NonAsciiPayload));

    [Fact]
    public void NonAsciiSymbol_IsPercentEncodedBeforeSigning()
    {
        Assert.Equal(EncodedSymbol, BinanceSigner.Encode("１２３４５６"));
        var payload = "symbol=" + BinanceSigner.Encode("１２３４５６") + "&side=BUY&type=LIMIT&timeInForce=GTC&quantity=1&price=0.1&recvWindow=5000&timestamp=1499827319559";
        Assert.Equal(NonAsciiSignature, _signer.Sign(payload));
    }

    [Fact]
    public void SpanOverload_MatchesAndIsLowercaseHex()
    {
        Span<byte> hex = stackalloc byte[BinanceSigner.SignatureLength];
        Assert.Equal(64, _signer.Sign(Encoding.ASCII.GetBytes(Payload), hex));
        Assert.Equal(Signature, Encoding.ASCII.GetString(hex));
        Assert.Throws<ArgumentException>(() => _signer.Sign(Encoding.ASCII.GetBytes(Payload), new byte[10]));
    }

    [Fact]
    public void SignQuery_AppendsSignature() =>
        Assert.Equal(Payload + "&signature=" + Signature, _signer.SignQuery(Payload));

    [Fact]
    public void EmptySecret_IsRejected() => Assert.ThrowsAny<ArgumentException>(() => new BinanceSigner(""));
}

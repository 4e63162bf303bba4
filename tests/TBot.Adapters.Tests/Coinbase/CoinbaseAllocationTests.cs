using TBot.Adapters.Coinbase;
using TBot.Adapters.Ingress;
using TBot.Engine.Events;
using static TBot.Adapters.Tests.Coinbase.CoinbaseTestSupport;

namespace TBot.Adapters.Tests.Coinbase;

/// <summary>The hot-path frames parse without allocating (100k parses after warm-up).</summary>
public class CoinbaseAllocationTests
{
    private static void AssertNoAllocation(IFrameParser parser, string json, FrameKind expected)
    {
        var frame = Utf8(json);
        Assert.Equal(expected, parser.Parse(frame, ReceiveTime, new EventBatch(64)).Kind);
        Assert.Equal(0, AllocatedBytes(parser, frame));
    }

    [Theory]
    [InlineData(CoinbaseFrames.AtL2Update, FrameKind.Data)]
    [InlineData(CoinbaseFrames.AtL2Snapshot, FrameKind.Data)]
    [InlineData(CoinbaseFrames.AtTicker, FrameKind.Data)]
    [InlineData(CoinbaseFrames.AtMarketTrades, FrameKind.Data)]
    [InlineData(CoinbaseFrames.AtMarketTradesOfficial, FrameKind.Data)]
    [InlineData(CoinbaseFrames.AtHeartbeats, FrameKind.Control)]
    public void Advanced_trade_frames(string json, FrameKind expected) =>
        AssertNoAllocation(new CoinbaseAdvancedTradeParser(Registry()), json, expected);

    [Fact]
    public void Advanced_trade_frames_with_reordered_keys_and_hashed_trade_ids()
    {
        const string l2 = """
            {"events":[{"updates":[{"new_quantity":"2.00000000","price_level":"68900.00","side":"bid"}],"product_id":"BTC-USD","type":"update"}],
             "sequence_num":1,"timestamp":"2026-04-07T14:30:01.456789Z","channel":"l2_data"}
            """;
        AssertNoAllocation(new CoinbaseAdvancedTradeParser(Registry()), l2, FrameKind.Data);
        const string trades = """
            {"channel":"market_trades","sequence_num":5,"events":[{"type":"update","trades":[
              {"side":"BUY","trade_id":"ac928c66-ca53-498f-9c13-a110027a60e8","price":"68900.50","size":"0.0015","product_id":"BTC\u002DUSD"}]}]}
            """;
        AssertNoAllocation(new CoinbaseAdvancedTradeParser(Registry()), trades, FrameKind.Data);
    }

    [Theory]
    [InlineData(CoinbaseFrames.ExL2Update, FrameKind.Data)]
    [InlineData(CoinbaseFrames.ExSnapshot, FrameKind.Data)]
    [InlineData(CoinbaseFrames.ExMatch, FrameKind.Data)]
    [InlineData(CoinbaseFrames.ExTicker, FrameKind.Data)]
    [InlineData(CoinbaseFrames.ExHeartbeat, FrameKind.Control)]
    [InlineData("""{"changes":[["sell","30862.60","0"]],"time":"2023-07-04T18:14:39","product_id":"BTC-USD","type":"l2update"}""", FrameKind.Data)]
    public void Exchange_frames(string json, FrameKind expected) =>
        AssertNoAllocation(new CoinbaseExchangeParser(Registry()), json, expected);

    [Fact]
    public void Rejections_other_than_malformed_json_do_not_allocate()
    {
        AssertNoAllocation(new CoinbaseAdvancedTradeParser(Registry()), CoinbaseFrames.AtL2Update.Replace("BTC-USD", "DOGE-USD"), FrameKind.Rejected);
        AssertNoAllocation(new CoinbaseExchangeParser(Registry()), CoinbaseFrames.ExMatch.Replace("400.23", "400.235"), FrameKind.Rejected);
    }
}

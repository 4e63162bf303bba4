using TBot.Adapters.Binance;
using TBot.Adapters.Ingress;
using TBot.Engine.Events;
using TBot.Engine.Validation;
using static TBot.Adapters.Tests.Binance.BinanceFixtures;

namespace TBot.Adapters.Tests.Binance;

/// <summary>Non-data frames sharing the stream socket: acks, error frames, serverShutdown.</summary>
public class BinanceStreamParserControlTests
{
    private readonly BinanceStreamParser _parser = new(Registry());

    [Theory]
    [InlineData(SubscribeAck)]
    [InlineData(UnsubscribeAck)]
    [InlineData(ListSubscriptions)]
    [InlineData("""{"id":3,"result":["btcusdt@aggTrade"]}""")]
    [InlineData("""{"result":true,"id":"abc"}""")]
    public void SubscriptionResponses_AreAcks(string frame)
    {
        var (result, events) = Parse(_parser, frame);
        Assert.Equal(ParseResult.ControlFrame(ControlKind.SubscriptionAck), result);
        Assert.Empty(events);
    }

    [Theory]
    [InlineData(ErrorFrame)]
    [InlineData("""{"code":0,"msg":"Unknown property","id":4}""")]
    [InlineData("""{"id":5,"msg":"Invalid JSON","code":3}""")]
    public void ErrorFrames_AreVenueErrors(string frame)
    {
        var (result, events) = Parse(_parser, frame);
        Assert.Equal(FrameKind.Rejected, result.Kind);
        Assert.Equal(RejectReason.VenueError, result.Reason);
        Assert.Equal(ControlKind.Error, result.Control);
        Assert.Equal(ParseResult.NoSequence, result.ConnectionSequence);
        Assert.Empty(events);
    }

    [Theory]
    [InlineData(ServerShutdownRaw)]
    [InlineData(ServerShutdownCombined)]
    [InlineData("""{"data":{"E":1770123456789,"e":"serverShutdown"},"stream":"!serverShutdown"}""")]
    public void ServerShutdown_RawAndCombined(string frame)
    {
        var (result, events) = Parse(_parser, frame);
        Assert.Equal(ParseResult.ControlFrame(ControlKind.ServerShutdown), result);
        Assert.Empty(events);
    }

    [Fact]
    public void ControlFrames_LeaveEarlierEventsInTheBatch()
    {
        var batch = new EventBatch(4);
        batch.Add().TradeId = 99;
        var result = _parser.Parse(Utf8(ErrorFrame), ReceiveTimeNs, batch);
        Assert.Equal(RejectReason.VenueError, result.Reason);
        Assert.Equal(1, batch.Count);
        Assert.Equal(99, batch[0].TradeId);
    }
}

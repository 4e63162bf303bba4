using System.Text;
using TBot.Adapters.Connections;
using TBot.Adapters.Connections.Protocols;

namespace TBot.Adapters.Tests.Connections;

public class ProtocolTests
{
    private static string Text(byte[] message) => Encoding.UTF8.GetString(message);

    [Fact]
    public void Binance_subscribes_lower_case_stream_names_on_the_combined_endpoint()
    {
        var protocol = new BinanceProtocol();
        StreamSubscription[] subs = [new("depth@100ms", "BTCUSDT", 1), new("bookTicker", "BTCUSDT", 1)];
        Assert.Equal("wss://stream.binance.com:9443/stream", protocol.BuildUri(subs).AbsoluteUri);
        Assert.Equal("wss://stream.binance.com:9443/ws", new BinanceProtocol(combined: false).BuildUri(subs).AbsoluteUri);
        var messages = protocol.BuildSubscribe(subs);
        Assert.Equal("""{"method":"SUBSCRIBE","params":["btcusdt@depth@100ms","btcusdt@bookTicker"],"id":1}""", Text(Assert.Single(messages)));
        var resub = protocol.BuildResubscribe([subs[0]]);
        Assert.Equal("""{"method":"UNSUBSCRIBE","params":["btcusdt@depth@100ms"],"id":2}""", Text(resub[0]));
        Assert.Equal("""{"method":"SUBSCRIBE","params":["btcusdt@depth@100ms"],"id":3}""", Text(resub[1]));
        Assert.True(protocol.IsBookChannel("depth@100ms"));
        Assert.False(protocol.IsBookChannel("trade"));
        Assert.True(protocol.PingMessage.IsEmpty);
        Assert.Equal(1024, protocol.MaxSubscriptionsPerConnection);
    }

    [Fact]
    public void Binance_splits_many_streams_into_several_messages()
    {
        var subs = Enumerable.Range(0, 450).Select(i => new StreamSubscription("trade", "S" + i)).ToList();
        var messages = new BinanceProtocol().BuildSubscribe(subs);
        Assert.Equal(3, messages.Count);
        Assert.Equal(450, messages.Sum(m => Text(m).Split("@trade").Length - 1));
    }

    [Fact]
    public void Okx_subscribes_args_and_pings_with_text()
    {
        var protocol = new OkxProtocol();
        StreamSubscription[] subs = [new("tickers", "BTC-USDT"), new("books", "BTC-USDT")];
        Assert.Equal("wss://ws.okx.com:8443/ws/v5/public", protocol.BuildUri(subs).AbsoluteUri);
        Assert.Equal("""{"op":"subscribe","args":[{"channel":"tickers","instId":"BTC-USDT"},{"channel":"books","instId":"BTC-USDT"}]}""",
            Text(Assert.Single(protocol.BuildSubscribe(subs))));
        var resub = protocol.BuildResubscribe([subs[1]]);
        Assert.Equal("""{"op":"unsubscribe","args":[{"channel":"books","instId":"BTC-USDT"}]}""", Text(resub[0]));
        Assert.Equal("""{"op":"subscribe","args":[{"channel":"books","instId":"BTC-USDT"}]}""", Text(resub[1]));
        Assert.Equal("ping", Encoding.UTF8.GetString(protocol.PingMessage.Span));
        Assert.Equal(TimeSpan.FromSeconds(25), protocol.PingAfterIdle);
        Assert.True(protocol.IsBookChannel("books5"));
        Assert.True(protocol.IsBookChannel("bbo-tbt"));
        Assert.False(protocol.IsBookChannel("trades"));
    }

    [Fact]
    public void Coinbase_sends_heartbeats_first_and_one_channel_per_message()
    {
        var protocol = new CoinbaseProtocol();
        StreamSubscription[] subs = [new("level2", "ETH-USD"), new("level2", "BTC-USD"), new("market_trades", "BTC-USD")];
        var messages = protocol.BuildSubscribe(subs).Select(Text).ToList();
        Assert.Equal(
        [
            """{"type":"subscribe","channel":"heartbeats"}""",
            """{"type":"subscribe","product_ids":["ETH-USD","BTC-USD"],"channel":"level2"}""",
            """{"type":"subscribe","product_ids":["BTC-USD"],"channel":"market_trades"}""",
        ], messages);
        var resub = protocol.BuildResubscribe([subs[1]]).Select(Text).ToList();
        Assert.Equal(
        [
            """{"type":"unsubscribe","product_ids":["BTC-USD"],"channel":"level2"}""",
            """{"type":"subscribe","product_ids":["BTC-USD"],"channel":"level2"}""",
        ], resub);
        Assert.Equal(TimeSpan.FromSeconds(10), protocol.IdleTimeout);
        Assert.True(protocol.IsBookChannel("level2"));
    }
}

namespace TBot.Adapters.Simulator;

/// <summary>Where a started simulator listens (all on 127.0.0.1). Paths mimic the real venues.</summary>
public sealed record SimulatorEndpoints(
    Uri BinanceWebSocketBase,
    Uri BinanceRestBase,
    Uri CoinbaseAdvancedTradeWebSocket,
    Uri CoinbaseExchangeWebSocket,
    Uri OkxPublicWebSocket,
    Uri OkxRestBase)
{
    /// <summary>Binance raw stream URL: ws://127.0.0.1:p/ws/btcusdt@depth.</summary>
    public Uri BinanceRawStream(string streamName) => new(BinanceWebSocketBase, "/ws/" + streamName);

    /// <summary>Binance combined stream URL: ws://127.0.0.1:p/stream?streams=a/b.</summary>
    public Uri BinanceCombinedStreams(params string[] streamNames) => new(BinanceWebSocketBase, "/stream?streams=" + string.Join('/', streamNames));
}

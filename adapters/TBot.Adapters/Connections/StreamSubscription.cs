namespace TBot.Adapters.Connections;

/// <summary>
/// One stream a connection subscribes to, in the venue's own terms: Binance channel "depth@100ms" / "bookTicker"
/// / "trade" with symbol "BTCUSDT"; OKX channel "books" with instId "BTC-USDT"; Coinbase channel "level2" with
/// product "BTC-USD". <see cref="InstrumentId"/> links it to the instrument registry (for resubscribe requests).
/// </summary>
public sealed record StreamSubscription(string Channel, string Symbol, int InstrumentId = 0);

namespace TBot.Adapters.Simulator.Transport;

/// <summary>Which venue API a WebSocket connection speaks.</summary>
public enum ConnectionKind : byte
{
    /// <summary>Binance /ws/...: raw payloads.</summary>
    BinanceRaw = 0,
    /// <summary>Binance /stream?streams=...: {"stream":..,"data":..} envelopes.</summary>
    BinanceCombined = 1,
    CoinbaseAdvancedTrade = 2,
    CoinbaseExchange = 3,
    Okx = 4,
}

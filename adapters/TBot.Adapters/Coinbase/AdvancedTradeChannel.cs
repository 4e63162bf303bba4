using System.Text.Json;

namespace TBot.Adapters.Coinbase;

/// <summary>The <c>channel</c> of an Advanced Trade envelope, as received (level2 arrives as <c>l2_data</c>).</summary>
internal enum AdvancedTradeChannel : byte
{
    /// <summary>No <c>channel</c> key.</summary>
    Absent = 0,
    /// <summary>A channel this parser does not handle (candles, status, user, …).</summary>
    Unknown,
    Level2,
    Ticker,
    TickerBatch,
    MarketTrades,
    Heartbeats,
    Subscriptions,
}

internal static class AdvancedTradeChannels
{
    /// <summary>Classify the string value the reader is on.</summary>
    public static AdvancedTradeChannel Classify(ref Utf8JsonReader reader)
    {
        if (reader.ValueTextEquals("l2_data"u8)) return AdvancedTradeChannel.Level2;
        if (reader.ValueTextEquals("market_trades"u8)) return AdvancedTradeChannel.MarketTrades;
        if (reader.ValueTextEquals("ticker"u8)) return AdvancedTradeChannel.Ticker;
        if (reader.ValueTextEquals("ticker_batch"u8)) return AdvancedTradeChannel.TickerBatch;
        if (reader.ValueTextEquals("heartbeats"u8)) return AdvancedTradeChannel.Heartbeats;
        if (reader.ValueTextEquals("subscriptions"u8)) return AdvancedTradeChannel.Subscriptions;
        return AdvancedTradeChannel.Unknown;
    }

    /// <summary>Channels whose events become market events.</summary>
    public static bool CarriesData(AdvancedTradeChannel channel) =>
        channel is AdvancedTradeChannel.Level2 or AdvancedTradeChannel.Ticker or AdvancedTradeChannel.TickerBatch
            or AdvancedTradeChannel.MarketTrades;
}

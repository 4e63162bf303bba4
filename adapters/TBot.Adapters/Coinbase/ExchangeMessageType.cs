using System.Text.Json;

namespace TBot.Adapters.Coinbase;

/// <summary>The <c>type</c> of an Exchange-feed message.</summary>
internal enum ExchangeMessageType : byte
{
    /// <summary>No <c>type</c> key.</summary>
    Absent = 0,
    /// <summary>A type this parser does not handle (status, open, done, …): ignored by the feed's own rules.</summary>
    Unknown,
    Snapshot,
    L2Update,
    Ticker,
    Match,
    LastMatch,
    Heartbeat,
    Subscriptions,
    Error,
}

internal static class ExchangeMessageTypes
{
    /// <summary>Classify the string value the reader is on.</summary>
    public static ExchangeMessageType Classify(ref Utf8JsonReader reader)
    {
        if (reader.ValueTextEquals("l2update"u8)) return ExchangeMessageType.L2Update;
        if (reader.ValueTextEquals("ticker"u8)) return ExchangeMessageType.Ticker;
        if (reader.ValueTextEquals("match"u8)) return ExchangeMessageType.Match;
        if (reader.ValueTextEquals("snapshot"u8)) return ExchangeMessageType.Snapshot;
        if (reader.ValueTextEquals("heartbeat"u8)) return ExchangeMessageType.Heartbeat;
        if (reader.ValueTextEquals("last_match"u8)) return ExchangeMessageType.LastMatch;
        if (reader.ValueTextEquals("subscriptions"u8)) return ExchangeMessageType.Subscriptions;
        if (reader.ValueTextEquals("error"u8)) return ExchangeMessageType.Error;
        return ExchangeMessageType.Unknown;
    }
}

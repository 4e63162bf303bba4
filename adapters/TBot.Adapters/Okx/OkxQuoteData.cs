using System.Text.Json;
using TBot.Engine.Events;
using TBot.Engine.Validation;

namespace TBot.Adapters.Okx;

/// <summary>
/// One <c>bbo-tbt</c> data object (top of book as one-level asks/bids arrays, ts, seqId) → one Quote event.
/// An empty side means no quote on that side: its price and size stay 0.
/// </summary>
internal static class OkxQuoteData
{
    public static RejectReason Parse(ref Utf8JsonReader reader, in OkxEventStamp stamp, EventBatch batch)
    {
        bool sawAsks = false, sawBids = false, sawTs = false;
        long bid = 0, bidSize = 0, ask = 0, askSize = 0, exchangeTimeNs = 0, seqId = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            RejectReason reason;
            if (reader.ValueTextEquals("asks"u8))
            {
                sawAsks = true;
                reason = Top(ref reader, stamp, out ask, out askSize);
            }
            else if (reader.ValueTextEquals("bids"u8))
            {
                sawBids = true;
                reason = Top(ref reader, stamp, out bid, out bidSize);
            }
            else if (reader.ValueTextEquals("ts"u8))
            {
                sawTs = true;
                reason = OkxJson.String(ref reader, out var ts);
                if (reason == RejectReason.None) reason = OkxText.MillisToNanos(ts, out exchangeTimeNs);
            }
            else if (reader.ValueTextEquals("seqId"u8))
            {
                reason = OkxJson.Int64(ref reader, out seqId);
            }
            else
            {
                reader.Skip();
                reason = RejectReason.None;
            }
            if (reason != RejectReason.None) return reason;
        }
        if (reader.TokenType != JsonTokenType.EndObject) throw new JsonException("truncated");
        if (!sawAsks || !sawBids || !sawTs) return RejectReason.MissingField;

        ref var e = ref stamp.Add(batch, MarketEventKind.Quote);
        e.Bid = bid;
        e.BidSize = bidSize;
        e.Ask = ask;
        e.AskSize = askSize;
        e.UpdateId = seqId;
        e.ExchangeTimeNs = exchangeTimeNs;
        return RejectReason.None;
    }

    /// <summary>The best (first) level of a side; further levels, if any, are ignored.</summary>
    private static RejectReason Top(ref Utf8JsonReader reader, in OkxEventStamp stamp, out long price, out long quantity)
    {
        price = quantity = 0;
        if (!reader.Read()) throw new JsonException("truncated");
        if (reader.TokenType != JsonTokenType.StartArray) return RejectReason.WrongType;
        var index = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (index++ > 0)
            {
                reader.Skip();
                continue;
            }
            var reason = OkxJson.Level(ref reader, stamp.Instrument, out price, out _, out quantity, out _);
            if (reason != RejectReason.None) return reason;
        }
        return RejectReason.None;
    }
}

using System.Text.Json;
using TBot.Engine.Events;
using TBot.Engine.Validation;

namespace TBot.Adapters.Okx;

/// <summary>
/// One order-book data object <c>{asks, bids, ts, checksum, prevSeqId, seqId}</c> (WS books / books5 /
/// books-l2-tbt, REST books) → one event per level. Keys may come in any order: levels are appended as they
/// are met and the message-wide fields (ids, checksum, time, first/last flags) are filled in at the end.
/// </summary>
internal static class OkxBookData
{
    /// <summary>
    /// Parse the object the reader is on (StartObject). <paramref name="kind"/> is BookSnapshotLevel or
    /// BookDelta; <paramref name="requireSequence"/> (the incremental channels) demands seqId, and prevSeqId on
    /// updates (a snapshot without one gets OKX's snapshot value -1).
    /// </summary>
    public static RejectReason Parse(ref Utf8JsonReader reader, in OkxEventStamp stamp, MarketEventKind kind, bool requireSequence, EventBatch batch)
    {
        var first = batch.Count;
        bool sawAsks = false, sawBids = false, sawTs = false, sawPrev = false, sawSeq = false;
        long exchangeTimeNs = 0, prevSeqId = 0, seqId = 0;
        var checksum = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var reason = RejectReason.None;
            if (reader.ValueTextEquals("asks"u8))
            {
                sawAsks = true;
                reason = Levels(ref reader, stamp, kind, Side.Sell, batch);
            }
            else if (reader.ValueTextEquals("bids"u8))
            {
                sawBids = true;
                reason = Levels(ref reader, stamp, kind, Side.Buy, batch);
            }
            else if (reader.ValueTextEquals("ts"u8))
            {
                sawTs = true;
                reason = OkxJson.String(ref reader, out var ts);
                if (reason == RejectReason.None) reason = OkxText.MillisToNanos(ts, out exchangeTimeNs);
            }
            else if (reader.ValueTextEquals("checksum"u8))
            {
                reason = OkxJson.Checksum(ref reader, out checksum);
            }
            else if (reader.ValueTextEquals("prevSeqId"u8))
            {
                sawPrev = true;
                reason = OkxJson.Int64(ref reader, out prevSeqId);
            }
            else if (reader.ValueTextEquals("seqId"u8))
            {
                sawSeq = true;
                reason = OkxJson.Int64(ref reader, out seqId);
            }
            else
            {
                reader.Skip(); // on a property name: skips its whole value
            }
            if (reason != RejectReason.None) return reason;
        }
        if (reader.TokenType != JsonTokenType.EndObject) throw new JsonException("truncated");
        if (!sawAsks || !sawBids || !sawTs) return RejectReason.MissingField;
        if (requireSequence)
        {
            if (!sawSeq) return RejectReason.MissingField;
            if (!sawPrev)
            {
                if (kind == MarketEventKind.BookDelta) return RejectReason.MissingField;
                prevSeqId = -1;
            }
        }

        // No levels at all (keep-alive update, empty book): one level-less event still carries the ids to book sync.
        if (batch.Count == first) stamp.Add(batch, kind).Side = Side.None;

        var last = batch.Count - 1;
        for (var i = first; i <= last; i++)
        {
            ref var e = ref batch[i];
            e.FirstUpdateId = prevSeqId;
            e.UpdateId = seqId;
            e.Checksum = checksum;
            e.ExchangeTimeNs = exchangeTimeNs;
        }
        batch[first].Flags |= EventFlags.FirstInMessage;
        batch[last].Flags |= EventFlags.LastInMessage;
        return RejectReason.None;
    }

    /// <summary>The value of "asks"/"bids": an array of level arrays, one event each.</summary>
    private static RejectReason Levels(ref Utf8JsonReader reader, in OkxEventStamp stamp, MarketEventKind kind, Side side, EventBatch batch)
    {
        if (!reader.Read()) throw new JsonException("truncated");
        if (reader.TokenType != JsonTokenType.StartArray) return RejectReason.WrongType;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            var reason = OkxJson.Level(ref reader, stamp.Instrument, out var price, out var pd, out var quantity, out var qd);
            if (reason != RejectReason.None) return reason;
            ref var e = ref stamp.Add(batch, kind);
            e.Side = side;
            e.Price = price;
            e.PriceDecimals = pd;
            e.Quantity = quantity;
            e.QuantityDecimals = qd;
        }
        return RejectReason.None;
    }
}

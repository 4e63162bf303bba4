using System.Text.Json;
using TBot.Engine.Events;
using TBot.Engine.Instruments;
using TBot.Engine.Validation;

namespace TBot.Adapters.Coinbase;

/// <summary>l2_data: <c>events[{type, product_id, updates[{side, event_time, price_level, new_quantity}]}]</c>.</summary>
public sealed partial class CoinbaseAdvancedTradeParser
{
    /// <summary>
    /// The book message being emitted. A frame may hold several events; consecutive events of one product
    /// and one type (snapshot/update) form one message, bracketed by FirstInMessage … LastInMessage, so the
    /// book sync applies each product's snapshot or update as a whole.
    /// </summary>
    private struct BookGroup
    {
        public bool IsOpen;
        public int InstrumentId;
        public MarketEventKind Kind;
    }

    private RejectReason ParseLevel2Event(ref Utf8JsonReader reader, ReadOnlySpan<byte> json, long receiveTimeNs, EventBatch batch, ref BookGroup group)
    {
        var eventStart = batch.Count;
        var kind = MarketEventKind.None;
        Instrument? instrument = null;
        var updatesSeen = false;
        ReadOnlySpan<byte> capturedUpdates = default;

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var reason = RejectReason.None;
            if (reader.ValueTextEquals("type"u8))
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.String) return RejectReason.WrongType;
                if (reader.ValueTextEquals("update"u8)) kind = MarketEventKind.BookDelta;
                else if (reader.ValueTextEquals("snapshot"u8)) kind = MarketEventKind.BookSnapshotLevel;
                else return RejectReason.UnknownMessage;
            }
            else if (reader.ValueTextEquals("product_id"u8))
            {
                reason = CoinbaseJson.ReadSymbol(ref reader, _symbolScratch, out var productId);
                if (reason == RejectReason.None)
                {
                    reason = Resolve(productId, out var resolved);
                    instrument = resolved;
                }
            }
            else if (reader.ValueTextEquals("updates"u8))
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.StartArray) return RejectReason.WrongType;
                updatesSeen = true;
                if (instrument is not null) reason = ParseLevels(ref reader, instrument, receiveTimeNs, batch);
                else capturedUpdates = CoinbaseJson.CaptureArray(ref reader, json); // product_id comes later
            }
            else
            {
                CoinbaseJson.SkipValue(ref reader);
            }
            if (reason != RejectReason.None) return reason;
        }
        if (kind == MarketEventKind.None || instrument is null || !updatesSeen) return RejectReason.MissingField;
        if (!capturedUpdates.IsEmpty)
        {
            var updates = CoinbaseJson.OpenCaptured(capturedUpdates);
            var reason = ParseLevels(ref updates, instrument, receiveTimeNs, batch);
            if (reason != RejectReason.None) return reason;
        }
        for (var i = eventStart; i < batch.Count; i++) batch[i].Kind = kind;

        if (group.IsOpen && group.InstrumentId == instrument.Id && group.Kind == kind) return RejectReason.None;

        // A new message. An event without levels still emits one (Side None) so that its ids reach the book
        // sync; for a snapshot that means "the book is empty".
        if (batch.Count == eventStart) AddEvent(batch, kind, instrument.Id, receiveTimeNs);
        if (group.IsOpen) batch[eventStart - 1].Flags |= EventFlags.LastInMessage;
        batch[eventStart].Flags |= EventFlags.FirstInMessage;
        group = new BookGroup { IsOpen = true, InstrumentId = instrument.Id, Kind = kind };
        return RejectReason.None;
    }

    /// <summary>With the reader on the updates StartArray: one event per level (Kind set by the caller).</summary>
    private RejectReason ParseLevels(ref Utf8JsonReader reader, Instrument instrument, long receiveTimeNs, EventBatch batch)
    {
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartObject) return RejectReason.WrongType;
            var side = Side.None;
            JsonText price = default;
            JsonText quantity = default;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                RejectReason reason;
                if (reader.ValueTextEquals("side"u8)) reason = ReadBookSide(ref reader, out side);
                else if (reader.ValueTextEquals("price_level"u8)) reason = CoinbaseJson.ReadText(ref reader, out price);
                else if (reader.ValueTextEquals("new_quantity"u8)) reason = CoinbaseJson.ReadText(ref reader, out quantity);
                else
                {
                    // event_time: the envelope timestamp is the book time (snapshot event_times are placeholders).
                    CoinbaseJson.SkipValue(ref reader);
                    reason = RejectReason.None;
                }
                if (reason != RejectReason.None) return reason;
            }
            if (side == Side.None || !price.Present || !quantity.Present) return RejectReason.MissingField;

            var r = CoinbaseDecimals.ParsePrice(price.Bytes, instrument.PriceScale, out var p, out var priceDecimals);
            if (r != RejectReason.None) return r;
            r = CoinbaseDecimals.ParseQuantity(quantity.Bytes, instrument.QuantityScale, out var q, out var quantityDecimals);
            if (r != RejectReason.None) return r;

            ref var e = ref AddEvent(batch, MarketEventKind.None, instrument.Id, receiveTimeNs);
            e.Side = side;
            e.Price = p;
            e.Quantity = q;
            e.PriceDecimals = priceDecimals;
            e.QuantityDecimals = quantityDecimals;
        }
        return RejectReason.None;
    }

    /// <summary>"bid" / "offer" (not "ask"). Any other word means the message cannot be trusted: the book
    /// must not be updated from it.</summary>
    private static RejectReason ReadBookSide(ref Utf8JsonReader reader, out Side side)
    {
        side = Side.None;
        reader.Read();
        if (reader.TokenType == JsonTokenType.Null) return RejectReason.None;
        if (reader.TokenType != JsonTokenType.String) return RejectReason.WrongType;
        if (reader.ValueTextEquals("bid"u8)) side = Side.Buy;
        else if (reader.ValueTextEquals("offer"u8)) side = Side.Sell;
        else return RejectReason.MalformedJson;
        return RejectReason.None;
    }
}

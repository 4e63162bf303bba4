using System.Text.Json;
using TBot.Engine.Events;
using TBot.Engine.Instruments;
using TBot.Engine.Validation;

namespace TBot.Adapters.Coinbase;

/// <summary>level2: <c>snapshot {product_id, bids[[price, size]], asks[[price, size]]}</c> and
/// <c>l2update {product_id, changes[[side, price, size]], time}</c>.</summary>
public sealed partial class CoinbaseExchangeParser
{
    private enum BookArray : byte
    {
        Bids,
        Asks,
        Changes,
    }

    /// <summary>
    /// With the reader on a book array's property name: parse it in place when the message type and product
    /// are already known (the usual order), otherwise keep its bytes for <see cref="FinishBook"/>. Either way
    /// the events come out in the same order (bids, then asks), whatever the key order.
    /// </summary>
    private RejectReason ReadBookArray(
        ref Utf8JsonReader reader, ReadOnlySpan<byte> json, BookArray array, ref ExchangeMessageFields m,
        ref Instrument? instrument, long receiveTimeNs, EventBatch batch)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.Null) return RejectReason.None;
        if (reader.TokenType != JsonTokenType.StartArray) return RejectReason.WrongType;

        var expectedType = array == BookArray.Changes ? ExchangeMessageType.L2Update : ExchangeMessageType.Snapshot;
        // Snapshot asks go in place only after in-place bids, so that levels always come out bids first.
        var inPlace = m.Type == expectedType && m.ProductId.Present && (array != BookArray.Asks || m.BidsState == BookArrayState.Parsed);
        if (inPlace)
        {
            if (instrument is null)
            {
                var r = Resolve(m.ProductId, out var resolved);
                if (r != RejectReason.None) return r;
                instrument = resolved;
            }
            SetState(ref m, array, BookArrayState.Parsed);
            return ParseArray(ref reader, array, instrument, receiveTimeNs, batch);
        }

        var captured = CoinbaseJson.CaptureArray(ref reader, json);
        SetState(ref m, array, BookArrayState.Captured);
        switch (array)
        {
            case BookArray.Bids: m.Bids = captured; break;
            case BookArray.Asks: m.Asks = captured; break;
            default: m.Changes = captured; break;
        }
        return RejectReason.None;
    }

    private static void SetState(ref ExchangeMessageFields m, BookArray array, BookArrayState state)
    {
        switch (array)
        {
            case BookArray.Bids: m.BidsState = state; break;
            case BookArray.Asks: m.AsksState = state; break;
            default: m.ChangesState = state; break;
        }
    }

    /// <summary>End of a snapshot / l2update: parse what was captured, stamp time, bracket the message.</summary>
    private RejectReason FinishBook(ref ExchangeMessageFields m, Instrument? instrument, int start, long receiveTimeNs, EventBatch batch)
    {
        RejectReason r;
        if (instrument is null)
        {
            if ((r = Resolve(m.ProductId, out var resolved)) != RejectReason.None) return r;
            instrument = resolved;
        }
        var isSnapshot = m.Type == ExchangeMessageType.Snapshot;
        if (isSnapshot)
        {
            if (m.BidsState == BookArrayState.Absent || m.AsksState == BookArrayState.Absent) return RejectReason.MissingField;
            if (m.BidsState == BookArrayState.Captured && (r = ParseCaptured(m.Bids, BookArray.Bids, instrument, receiveTimeNs, batch)) != RejectReason.None) return r;
            if (m.AsksState == BookArrayState.Captured && (r = ParseCaptured(m.Asks, BookArray.Asks, instrument, receiveTimeNs, batch)) != RejectReason.None) return r;
        }
        else
        {
            if (m.ChangesState == BookArrayState.Absent) return RejectReason.MissingField;
            if (m.ChangesState == BookArrayState.Captured && (r = ParseCaptured(m.Changes, BookArray.Changes, instrument, receiveTimeNs, batch)) != RejectReason.None) return r;
        }
        if ((r = ParseOptionalTime(m.Time, out var timeNs)) != RejectReason.None) return r;

        var kind = isSnapshot ? MarketEventKind.BookSnapshotLevel : MarketEventKind.BookDelta;
        // No levels at all still makes one event, so that the book sync sees the message (an empty snapshot
        // empties the book).
        if (batch.Count == start) AddEvent(batch, kind, instrument.Id, receiveTimeNs);
        var updateId = m.HasSequence ? m.Sequence : 0; // level2 has none; kept if a variant sends one
        for (var i = start; i < batch.Count; i++)
        {
            ref var e = ref batch[i];
            e.ExchangeTimeNs = timeNs;
            e.UpdateId = updateId;
        }
        batch[start].Flags |= EventFlags.FirstInMessage;
        batch[batch.Count - 1].Flags |= EventFlags.LastInMessage;
        return RejectReason.None;
    }

    private RejectReason ParseCaptured(ReadOnlySpan<byte> captured, BookArray array, Instrument instrument, long receiveTimeNs, EventBatch batch)
    {
        var reader = CoinbaseJson.OpenCaptured(captured);
        return ParseArray(ref reader, array, instrument, receiveTimeNs, batch);
    }

    /// <summary>With the reader on a book array's StartArray: one event per level.</summary>
    private RejectReason ParseArray(ref Utf8JsonReader reader, BookArray array, Instrument instrument, long receiveTimeNs, EventBatch batch)
    {
        var kind = array == BookArray.Changes ? MarketEventKind.BookDelta : MarketEventKind.BookSnapshotLevel;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartArray) return RejectReason.WrongType;
            RejectReason r;
            Side side;
            if (array == BookArray.Changes)
            {
                // ["buy"|"sell", price, size]: "buy" is a bid level, "sell" an ask level.
                reader.Read();
                if (reader.TokenType == JsonTokenType.EndArray) return RejectReason.MissingField;
                if ((r = ExchangeSides.Read(ref reader, out var wireSide)) != RejectReason.None) return r;
                if (wireSide == ExchangeSide.Absent) return RejectReason.MissingField;
                if (wireSide == ExchangeSide.Invalid) return RejectReason.MalformedJson;
                side = wireSide == ExchangeSide.Buy ? Side.Buy : Side.Sell;
            }
            else
            {
                side = array == BookArray.Bids ? Side.Buy : Side.Sell;
            }
            if ((r = ReadElement(ref reader, out var price)) != RejectReason.None) return r;
            if ((r = ReadElement(ref reader, out var size)) != RejectReason.None) return r;
            // Further elements (level3-style order ids, order counts) are not needed.
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray) reader.Skip();

            if ((r = CoinbaseDecimals.ParsePrice(price, instrument.PriceScale, out var p, out var priceDecimals)) != RejectReason.None) return r;
            if ((r = CoinbaseDecimals.ParseQuantity(size, instrument.QuantityScale, out var q, out var quantityDecimals)) != RejectReason.None) return r;
            ref var e = ref AddEvent(batch, kind, instrument.Id, receiveTimeNs);
            e.Side = side;
            e.Price = p;
            e.Quantity = q;
            e.PriceDecimals = priceDecimals;
            e.QuantityDecimals = quantityDecimals;
        }
        return RejectReason.None;
    }

    /// <summary>The next string element of a level array.</summary>
    private static RejectReason ReadElement(scoped ref Utf8JsonReader reader, out ReadOnlySpan<byte> text)
    {
        text = default;
        reader.Read();
        if (reader.TokenType == JsonTokenType.EndArray) return RejectReason.MissingField;
        if (reader.TokenType != JsonTokenType.String) return RejectReason.WrongType;
        text = reader.ValueSpan;
        return RejectReason.None;
    }
}

using System.Text.Json;
using TBot.Engine.Events;
using TBot.Engine.Validation;

namespace TBot.Adapters.Okx;

/// <summary>
/// One REST candle row <c>[ts, o, h, l, c, vol, volCcy, volCcyQuote, confirm]</c> (all strings) → one Candle
/// event: Open/High/Low, Price = close, Volume = vol, FirstUpdateId = open time in ms, ExchangeTimeNs = open
/// time. Rows are indexed by position and length (older API versions sent 7 elements, no <c>confirm</c>).
/// </summary>
internal static class OkxCandleRow
{
    private const int MinElements = 6; // ts, o, h, l, c, vol
    private const int ConfirmIndex = 8;

    public static RejectReason Parse(ref Utf8JsonReader reader, in OkxEventStamp stamp, bool includeUnconfirmed, EventBatch batch)
    {
        if (reader.TokenType != JsonTokenType.StartArray) return RejectReason.WrongType;
        ReadOnlySpan<byte> ts = default, open = default, high = default, low = default, close = default, volume = default, confirm = default;
        var count = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (count > ConfirmIndex)
            {
                reader.Skip(); // fields appended by future API versions
                count++;
                continue;
            }
            if (reader.TokenType != JsonTokenType.String) return RejectReason.WrongType;
            switch (count)
            {
                case 0: ts = reader.ValueSpan; break;
                case 1: open = reader.ValueSpan; break;
                case 2: high = reader.ValueSpan; break;
                case 3: low = reader.ValueSpan; break;
                case 4: close = reader.ValueSpan; break;
                case 5: volume = reader.ValueSpan; break;
                case ConfirmIndex: confirm = reader.ValueSpan; break;
            }
            count++;
        }
        if (reader.TokenType != JsonTokenType.EndArray) throw new JsonException("truncated");
        if (count < MinElements) return RejectReason.MissingField;

        // No confirm field (old 7-element rows): nothing says the candle is open, treat it as closed.
        var confirmed = count <= ConfirmIndex || confirm.SequenceEqual("1"u8);
        if (!confirmed && !confirm.SequenceEqual("0"u8)) return RejectReason.BadNumber;
        if (!confirmed && !includeUnconfirmed) return RejectReason.None;

        var instrument = stamp.Instrument;
        RejectReason r;
        if (!OkxText.TryParseDigits(ts, out var openMs)) return RejectReason.BadNumber;
        if ((r = OkxText.MillisToNanos(ts, out var openNs)) != RejectReason.None) return r;
        if ((r = OkxText.Price(open, instrument, out var o, out _)) != RejectReason.None) return r;
        if ((r = OkxText.Price(high, instrument, out var h, out _)) != RejectReason.None) return r;
        if ((r = OkxText.Price(low, instrument, out var l, out _)) != RejectReason.None) return r;
        if ((r = OkxText.Price(close, instrument, out var c, out var closeDecimals)) != RejectReason.None) return r;
        if ((r = OkxText.Quantity(volume, instrument, out var v, out var volumeDecimals)) != RejectReason.None) return r;

        ref var e = ref stamp.Add(batch, MarketEventKind.Candle);
        e.Open = o;
        e.High = h;
        e.Low = l;
        e.Price = c;
        e.PriceDecimals = closeDecimals;
        e.Volume = v;
        e.QuantityDecimals = volumeDecimals;
        e.FirstUpdateId = openMs;
        e.ExchangeTimeNs = openNs;
        return RejectReason.None;
    }
}

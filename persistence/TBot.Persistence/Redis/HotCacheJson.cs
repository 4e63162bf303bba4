using System.Buffers;
using System.Text.Json;
using TBot.Engine.Journal;
using TBot.Persistence.Numerics;

namespace TBot.Persistence.Redis;

/// <summary>
/// Writes the cache values. Small JSON rather than a binary layout: any tool (redis-cli, a dashboard, another
/// language) reads it without TBot's structs, and a value is a few dozen bytes, so the size difference is noise
/// next to the key and the round trip. Numbers are exact decimals at the instrument's scale.
/// One writer reused for every value of a batch.
/// </summary>
internal sealed class HotCacheJson
{
    private readonly ArrayBufferWriter<byte> _buffer = new(512);
    private readonly Utf8JsonWriter _writer;

    public HotCacheJson() => _writer = new Utf8JsonWriter(_buffer);

    public byte[] Price(InstrumentState s)
    {
        var w = Begin();
        var i = s.Instrument;
        if (s.HasQuote)
        {
            w.WriteNumber("bid"u8, FixedPoint.ToDecimal(s.Bid, i.PriceScale));
            w.WriteNumber("bid_size"u8, FixedPoint.ToDecimal(s.BidSize, i.QuantityScale));
            w.WriteNumber("ask"u8, FixedPoint.ToDecimal(s.Ask, i.PriceScale));
            w.WriteNumber("ask_size"u8, FixedPoint.ToDecimal(s.AskSize, i.QuantityScale));
        }
        if (s.HasLast) w.WriteNumber("last"u8, FixedPoint.ToDecimal(s.Last, i.PriceScale));
        return End(s.PriceTimeNs, s.PricePosition);
    }

    public byte[] Book(InstrumentState s, int depth)
    {
        var w = Begin();
        WriteSide(w, "bids"u8, s.Bids, s.Instrument, depth);
        WriteSide(w, "asks"u8, s.Asks, s.Instrument, depth);
        return End(s.BookTimeNs, s.BookPosition);
    }

    public byte[] Position(PositionState p, JournalInstrument i)
    {
        var w = Begin();
        w.WriteString("venue"u8, i.Venue);
        w.WriteNumber("qty"u8, FixedPoint.ToDecimal(p.Quantity, i.QuantityScale));
        w.WriteNumber("realized_pnl"u8, FixedPoint.ToDecimal(p.RealizedPnl, FixedPoint.MoneyScale));
        return End(p.TimeNs, p.Position);
    }

    public byte[] Metrics(BotMetricsState m)
    {
        var w = Begin();
        long realized = 0;
        foreach (var v in m.RealizedByInstrument.Values) realized += v;
        w.WriteNumber("realized_pnl"u8, FixedPoint.ToDecimal(realized, FixedPoint.MoneyScale));
        w.WriteBoolean("kill_switch"u8, m.KillSwitch);
        w.WriteBoolean("paused"u8, m.Paused);
        if (m.KillSwitch) w.WriteNumber("kill_pnl"u8, FixedPoint.ToDecimal(m.KillPnl, FixedPoint.MoneyScale));
        if (m.LastFillTimeNs != 0) w.WriteNumber("last_fill_t"u8, m.LastFillTimeNs);
        return End(m.TimeNs, m.Position);
    }

    private static void WriteSide(Utf8JsonWriter w, ReadOnlySpan<byte> name, SortedDictionary<long, long> side, JournalInstrument i, int depth)
    {
        w.WriteStartArray(name);
        var n = 0;
        foreach (var (price, qty) in side)
        {
            if (n++ == depth) break;
            w.WriteStartArray();
            w.WriteNumberValue(FixedPoint.ToDecimal(price, i.PriceScale));
            w.WriteNumberValue(FixedPoint.ToDecimal(qty, i.QuantityScale));
            w.WriteEndArray();
        }
        w.WriteEndArray();
    }

    private Utf8JsonWriter Begin()
    {
        _buffer.ResetWrittenCount();
        _writer.Reset(_buffer);
        _writer.WriteStartObject();
        return _writer;
    }

    /// <summary>Every value carries its engine time and journal position, so a reader can tell how fresh it is.</summary>
    private byte[] End(long timeNs, long position)
    {
        _writer.WriteNumber("t"u8, timeNs);
        _writer.WriteNumber("position"u8, position);
        _writer.WriteEndObject();
        _writer.Flush();
        return _buffer.WrittenSpan.ToArray();
    }
}

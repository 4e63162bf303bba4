using System.Globalization;
using System.Text;
using TBot.Engine.Events;
using TBot.Engine.Instruments;
using TBot.Engine.Journal;
using TBot.Engine.Numerics;

namespace TBot.Adapters.History;

/// <summary>
/// <c>tbot history export</c>: one instrument's catalog days of one kind within [from, to) (by record time) as CSV
/// with a header row, decimals as exact decimal strings at the instrument's scale (no floats), times both as ISO
/// 8601 UTC and Unix nanoseconds. Columns:
/// trades <c>time,time_ns,venue,symbol,trade_id,side,price,quantity</c>;
/// klines <c>open_time,close_time,close_time_ns,venue,symbol,open,high,low,close,volume</c>;
/// book <c>time,time_ns,venue,symbol,type,side,price,quantity,update_id</c>.
/// </summary>
public static class CatalogExporter
{
    public static long Export(string root, Venue venue, string symbol, CatalogKind kind, long fromNs, long toNs, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        output.WriteLine(kind switch
        {
            CatalogKind.Trades => "time,time_ns,venue,symbol,trade_id,side,price,quantity",
            CatalogKind.Klines => "open_time,close_time,close_time_ns,venue,symbol,open,high,low,close,volume",
            _ => "time,time_ns,venue,symbol,type,side,price,quantity,update_id",
        });
        var kindDir = Path.Combine(root, VenueNames.Name(venue), symbol, CatalogKinds.Name(kind));
        if (!Directory.Exists(kindDir)) return 0;
        var c = CultureInfo.InvariantCulture;
        var venueName = VenueNames.Name(venue);
        long rows = 0;
        var line = new StringBuilder(160);
        foreach (var dayDir in Directory.GetDirectories(kindDir).Order(StringComparer.Ordinal))
        {
            if (!CatalogLayout.TryParseDay(Path.GetFileName(dayDir), out var day)) continue;
            var dayStart = CatalogLayout.DayStartMs(day) * 1_000_000;
            // Record times of a day lie in [day, next midnight] (a day's last bar closes at the next midnight).
            if (dayStart + CatalogLayout.DayNs < fromNs || dayStart >= toNs) continue;
            if (!File.Exists(JournalManifest.PathIn(dayDir))) continue;
            using var reader = JournalReader.Open(dayDir, bufferBytes: 1 << 20);
            var instrument = reader.Manifest.Instruments.Single();
            var ps = instrument.PriceScale;
            var qs = instrument.QuantityScale;
            if (fromNs > dayStart) reader.SeekTime(fromNs);
            while (reader.TryRead(out var record))
            {
                if (record.Type != JournalRecordType.Event) continue;
                if (record.TimeNs < fromNs) continue;
                if (record.TimeNs >= toNs) break;
                ref readonly var e = ref record.Event;
                line.Clear();
                switch (kind)
                {
                    case CatalogKind.Trades:
                        line.Append(c, $"{Iso(record.TimeNs)},{record.TimeNs},{venueName},{symbol},{e.TradeId},{(e.Side == Side.Sell ? "sell" : "buy")},");
                        line.Append(FixedPoint.ToDecimalString(e.Price, ps)).Append(',').Append(FixedPoint.ToDecimalString(e.Quantity, qs));
                        break;
                    case CatalogKind.Klines:
                        line.Append(c, $"{Iso(e.ExchangeTimeNs)},{Iso(record.TimeNs)},{record.TimeNs},{venueName},{symbol},");
                        line.Append(FixedPoint.ToDecimalString(e.Open, ps)).Append(',').Append(FixedPoint.ToDecimalString(e.High, ps)).Append(',')
                            .Append(FixedPoint.ToDecimalString(e.Low, ps)).Append(',').Append(FixedPoint.ToDecimalString(e.Price, ps)).Append(',')
                            .Append(FixedPoint.ToDecimalString(e.Volume, qs));
                        break;
                    default:
                        line.Append(c, $"{Iso(record.TimeNs)},{record.TimeNs},{venueName},{symbol},{(e.Kind == MarketEventKind.BookDelta ? "delta" : "snapshot")},");
                        line.Append(e.Side == Side.Sell ? "ask" : e.Side == Side.Buy ? "bid" : "").Append(',');
                        line.Append(FixedPoint.ToDecimalString(e.Price, ps)).Append(',').Append(FixedPoint.ToDecimalString(e.Quantity, qs)).Append(',')
                            .Append(e.UpdateId.ToString(c));
                        break;
                }
                output.WriteLine(line);
                rows++;
            }
        }
        return rows;
    }

    private static string Iso(long unixNs) => CatalogDayInfo.Iso(unixNs);
}

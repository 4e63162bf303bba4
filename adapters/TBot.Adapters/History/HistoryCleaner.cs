using TBot.Engine.Events;
using TBot.Engine.Validation;

namespace TBot.Adapters.History;

/// <summary>
/// Validates and cleans one instrument's history stream (events in the order fetched, oldest first) with the
/// live reject reasons, and stamps each accepted event's record time (<c>ReceiveTimeNs</c>): the trade time, or
/// a candle's close time (open + interval) so a backtest never sees a bar before it closed.
/// <list type="bullet">
/// <item><c>duplicate</c>: trade id ≤ the last one seen, candle open time ≤ the last one — dropped.</item>
/// <item><c>non_positive_price</c>: price (any of O/H/L/C) ≤ 0 — dropped; <c>negative_size</c>: quantity &lt; 0 — dropped.</item>
/// <item><c>non_monotonic_timestamp</c>: time before the last accepted record — dropped.</item>
/// <item><c>price_out_of_band</c>: outlier, more than <see cref="BandBps"/> away from the median of the last
/// <see cref="MedianWindow"/> accepted prices (checked once <see cref="MinSamples"/> are known), or a candle whose
/// high/low do not contain its open/close — flagged (counted) and dropped; the id still counts as seen.</item>
/// <item><c>sequence_gap</c>: trade ids never received (between the last id seen and the next one; a row the
/// parser could not read has no id, so it shows up here too) or klines missing between two open times — reported
/// as a <see cref="CatalogGap"/> (counted by missing ids/bars); the row that reveals it is then checked as usual.</item>
/// </list>
/// </summary>
public sealed class HistoryCleaner
{
    public const int MedianWindow = 31;
    public const int MinSamples = 5;

    private readonly CatalogKind _kind;
    private readonly long _intervalMs;
    private readonly RollingMedian _median = new(MedianWindow);
    private long _lastId;
    private long _lastOpenMs;
    private long _lastTimeNs;

    /// <param name="bandBps">Outlier band around the rolling median, basis points (default 1000 = 10 %).</param>
    public HistoryCleaner(CatalogKind kind, long intervalMs = 0, int bandBps = 1000)
    {
        _kind = kind;
        _intervalMs = intervalMs;
        BandBps = bandBps;
    }

    public int BandBps { get; }

    /// <summary>Continue from what a catalog day already holds (resume: same decisions as an uninterrupted run).</summary>
    public void Seed(CatalogTail tail)
    {
        ArgumentNullException.ThrowIfNull(tail);
        if (tail.IsEmpty) return;
        _lastId = tail.LastTradeId;
        _lastOpenMs = tail.LastCandleOpenMs;
        _lastTimeNs = tail.LastTimeNs;
        foreach (var p in tail.RecentPrices) _median.Add(p);
    }

    public long LastTimeNs => _lastTimeNs;

    /// <summary>Check one event; on None it is accepted (record time stamped). <paramref name="gap"/> is set when a hole
    /// precedes it, whether or not the event itself is accepted.</summary>
    public RejectReason Check(ref MarketEvent e, out CatalogGap? gap)
    {
        gap = null;
        switch (e.Kind)
        {
            case MarketEventKind.Trade:
                return CheckTrade(ref e, out gap);
            case MarketEventKind.Candle:
                return CheckCandle(ref e, out gap);
            default:
                var t = e.ExchangeTimeNs != 0 ? e.ExchangeTimeNs : e.ReceiveTimeNs;
                if (t < _lastTimeNs) return RejectReason.NonMonotonicTimestamp;
                e.ReceiveTimeNs = _lastTimeNs = t;
                return RejectReason.None;
        }
    }

    private RejectReason CheckTrade(ref MarketEvent e, out CatalogGap? gap)
    {
        gap = null;
        if (_lastId != 0 && e.TradeId <= _lastId) return RejectReason.Duplicate;
        // Ids never received (between the last id seen and this one) are a gap, whatever happens to this row.
        if (_lastId != 0 && e.TradeId > _lastId + 1)
        {
            gap = new CatalogGap
            {
                From = CatalogDayInfo.Iso(_lastTimeNs),
                To = CatalogDayInfo.Iso(Math.Max(e.ExchangeTimeNs, _lastTimeNs)),
                Missing = e.TradeId - _lastId - 1,
                AfterId = _lastId,
                BeforeId = e.TradeId,
            };
        }
        _lastId = e.TradeId;
        if (e.Price <= 0) return RejectReason.NonPositivePrice;
        if (e.Quantity < 0) return RejectReason.NegativeSize;
        if (e.ExchangeTimeNs < _lastTimeNs) return RejectReason.NonMonotonicTimestamp;
        _lastTimeNs = e.ExchangeTimeNs;
        if (IsOutlier(e.Price)) return RejectReason.PriceOutOfBand;
        _median.Add(e.Price);
        e.ReceiveTimeNs = e.ExchangeTimeNs;
        return RejectReason.None;
    }

    private RejectReason CheckCandle(ref MarketEvent e, out CatalogGap? gap)
    {
        gap = null;
        var openMs = e.FirstUpdateId;
        if (_lastOpenMs != 0 && openMs <= _lastOpenMs) return RejectReason.Duplicate;
        var closeNs = (openMs + _intervalMs) * 1_000_000;
        if (_lastOpenMs != 0 && _intervalMs > 0 && openMs > _lastOpenMs + _intervalMs)
        {
            gap = new CatalogGap
            {
                From = CatalogDayInfo.Iso((_lastOpenMs + _intervalMs) * 1_000_000),
                To = CatalogDayInfo.Iso(openMs * 1_000_000),
                Missing = (openMs - _lastOpenMs) / _intervalMs - 1,
                AfterId = _lastOpenMs,
                BeforeId = openMs,
            };
        }
        _lastOpenMs = openMs;
        if (e.Price <= 0 || e.Open <= 0 || e.High <= 0 || e.Low <= 0) return RejectReason.NonPositivePrice;
        if (e.Volume < 0) return RejectReason.NegativeSize;
        if (closeNs < _lastTimeNs) return RejectReason.NonMonotonicTimestamp;
        _lastTimeNs = closeNs;
        if (e.High < Math.Max(e.Open, e.Price) || e.Low > Math.Min(e.Open, e.Price) || IsOutlier(e.Price)) return RejectReason.PriceOutOfBand;
        _median.Add(e.Price);
        e.ReceiveTimeNs = closeNs;
        return RejectReason.None;
    }

    private bool IsOutlier(long price)
    {
        if (_median.Count < MinSamples) return false;
        var median = _median.Median();
        return (Int128)Math.Abs(price - median) * 10_000 > (Int128)median * BandBps;
    }
}

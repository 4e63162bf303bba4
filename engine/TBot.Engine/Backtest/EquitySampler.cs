using TBot.Engine.Market;
using TBot.Engine.Portfolio;

namespace TBot.Engine.Backtest;

/// <summary>
/// Samples equity (realised + unrealised at mid − fees, all bots) at every multiple of an engine-time interval,
/// before the first event at or after it, i.e. the state at that boundary. Keeps running sums for Sharpe/Sortino
/// over per-interval equity changes (intervals with no event count as zero change), peak-to-trough drawdown (all
/// bots and per bot), exposure (intervals with a non-zero position), and a bounded equity curve: when full it keeps
/// every other point and doubles its stride, so memory is fixed and the curve is the same on every run.
/// Allocation-free per event.
/// </summary>
public sealed class EquitySampler
{
    private readonly PortfolioBook _portfolio;
    private readonly MarketState _market;
    private readonly int[] _bots;
    private readonly long _intervalNs;
    private readonly long[] _curveNs;
    private readonly long[] _curveEquity;
    private readonly long[] _botPeak;
    private readonly long[] _botMaxDrawdown;
    private int _stride = 1;
    private long _sinceKept;
    private long _next;
    private long _last;
    private long _peak;

    public EquitySampler(PortfolioBook portfolio, MarketState market, int[] botIds, long intervalNs, int maxPoints = 1_000)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(intervalNs, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPoints, 4);
        _portfolio = portfolio;
        _market = market;
        _bots = botIds;
        _intervalNs = intervalNs;
        _curveNs = new long[maxPoints];
        _curveEquity = new long[maxPoints];
        _botPeak = new long[botIds.Length];
        _botMaxDrawdown = new long[botIds.Length];
    }

    public long IntervalNs => _intervalNs;

    public long Intervals { get; private set; }

    /// <summary>Intervals that ended with a non-zero position on any instrument of any bot.</summary>
    public long ExposedIntervals { get; private set; }

    /// <summary>Σ and Σ² of the per-interval equity changes (money units as doubles: only statistics use them).</summary>
    public double SumChange { get; private set; }
    public double SumSquares { get; private set; }
    /// <summary>Σ of squared negative changes (Sortino's downside).</summary>
    public double SumDownsideSquares { get; private set; }

    public long MaxDrawdown { get; private set; }

    public long LastEquity => _last;

    public long Peak => _peak;

    public int PointCount { get; private set; }

    public ReadOnlySpan<long> CurveTimes => _curveNs.AsSpan(0, PointCount);

    public ReadOnlySpan<long> CurveEquity => _curveEquity.AsSpan(0, PointCount);

    public long BotMaxDrawdown(int index) => _botMaxDrawdown[index];

    /// <summary>Call before the trading core processes an event at engine time <paramref name="nowNs"/>.</summary>
    public void BeforeEvent(long nowNs)
    {
        if (nowNs < _next) return;
        if (_next == 0)
        {
            _next = nowNs - nowNs % _intervalNs + _intervalNs; // first boundary after the data starts
            Keep(nowNs, 0);
            return;
        }
        var intervals = (nowNs - _next) / _intervalNs + 1;
        var boundary = _next + (intervals - 1) * _intervalNs;
        Sample(boundary, intervals);
        _next = boundary + _intervalNs;
    }

    /// <summary>The end of the data: one last (possibly partial) interval.</summary>
    public void Finish(long endNs)
    {
        if (_next == 0) return;
        Sample(endNs, 1);
        if (PointCount == 0 || _curveNs[PointCount - 1] != endNs) Append(endNs, _last);
    }

    private void Sample(long boundaryNs, long intervals)
    {
        long equity = 0;
        var exposed = false;
        for (var b = 0; b < _bots.Length; b++)
        {
            var bot = _bots[b];
            var pnl = _portfolio.TotalPnl(bot, _market);
            equity += pnl;
            if (pnl > _botPeak[b]) _botPeak[b] = pnl;
            _botMaxDrawdown[b] = Math.Max(_botMaxDrawdown[b], _botPeak[b] - pnl);
            for (var i = 1; i < _portfolio.InstrumentSlots && !exposed; i++)
                if (_portfolio.Get(bot, i).Quantity != 0) exposed = true;
        }
        // The state between the previous sample and this one did not change within the skipped intervals.
        double change = equity - _last;
        SumChange += change;
        SumSquares += change * change;
        if (change < 0) SumDownsideSquares += change * change;
        Intervals += intervals;
        if (exposed) ExposedIntervals += intervals;
        _last = equity;
        if (equity > _peak) _peak = equity;
        MaxDrawdown = Math.Max(MaxDrawdown, _peak - equity);
        Keep(boundaryNs, equity);
    }

    /// <summary>Keep every <c>_stride</c>-th sample; when the curve is full, drop every other point and double the stride.</summary>
    private void Keep(long timeNs, long equity)
    {
        if (_sinceKept++ % _stride != 0) return;
        if (PointCount == _curveNs.Length)
        {
            var kept = 0;
            for (var i = 0; i < PointCount; i += 2)
            {
                _curveNs[kept] = _curveNs[i];
                _curveEquity[kept] = _curveEquity[i];
                kept++;
            }
            PointCount = kept;
            _stride *= 2;
            _sinceKept = 1;
        }
        Append(timeNs, equity);
    }

    private void Append(long timeNs, long equity)
    {
        if (PointCount == _curveNs.Length) return;
        _curveNs[PointCount] = timeNs;
        _curveEquity[PointCount] = equity;
        PointCount++;
    }
}

using TBot.Engine.Events;
using TBot.Engine.Instruments;

namespace TBot.Engine.Validation;

/// <summary>
/// The seed's validation stages 2–4 for parsed events (stage 1, schema, is the parser's): business rules
/// (positive prices, price band around a reference mid, no crossed quotes, non-negative sizes, tick/step
/// alignment), consistency (timestamps neither in the future nor stale, monotone per stream) and
/// duplicates (trade ids and quote update ids in a bounded window). Book update continuity is checked by
/// the book sync machine. Single-threaded (the ingress thread); allocation-free after construction.
/// </summary>
public sealed class MarketDataValidator
{
    private const long NsPerMs = 1_000_000;
    private readonly InstrumentRegistry _instruments;
    private readonly ValidationOptions _options;
    private readonly InstrumentState[] _state;
    private readonly BoundedIdSet?[] _tradeIds;
    private readonly long _futureToleranceNs;
    private readonly long _stalenessNs;

    public MarketDataValidator(InstrumentRegistry instruments, ValidationOptions options)
    {
        _instruments = instruments;
        _options = options;
        _state = new InstrumentState[instruments.Count + 1];
        _tradeIds = new BoundedIdSet?[instruments.Count + 1];
        for (var i = 1; i <= instruments.Count; i++) _tradeIds[i] = new BoundedIdSet(options.TradeDedupWindow);
        _futureToleranceNs = options.FutureToleranceMs * NsPerMs;
        _stalenessNs = options.StalenessLimitMs * NsPerMs;
    }

    /// <summary>Prices re-anchored after a run of out-of-band rejections (the market moved).</summary>
    public long Reanchors { get; private set; }

    /// <summary>Check one event; on acceptance the per-instrument state (reference, clocks, dedup) is updated.</summary>
    public RejectReason Validate(ref MarketEvent e)
    {
        if ((uint)e.InstrumentId >= (uint)_state.Length || e.InstrumentId == 0) return RejectReason.UnknownInstrument;
        var instrument = _instruments[e.InstrumentId];
        ref var s = ref _state[e.InstrumentId];

        var reason = e.Kind switch
        {
            MarketEventKind.Quote => CheckQuote(ref e, instrument, ref s),
            MarketEventKind.Trade => CheckTrade(ref e, instrument, ref s),
            MarketEventKind.BookDelta or MarketEventKind.BookSnapshotLevel => CheckLevel(ref e, instrument),
            MarketEventKind.Ticker => CheckTicker(ref e),
            MarketEventKind.Candle => CheckCandle(ref e),
            _ => RejectReason.None,
        };
        if (reason != RejectReason.None) return reason;

        // Consistency: historic data (candles, REST snapshots) is not held to the live clock.
        if (e.ExchangeTimeNs != 0 && e.Kind != MarketEventKind.Candle && !e.Has(EventFlags.FromRest))
        {
            reason = CheckTime(ref e, ref s);
            if (reason != RejectReason.None) return reason;
        }

        // Duplicates, last so that only otherwise-valid events occupy the window.
        if (e.Kind == MarketEventKind.Trade && e.TradeId != 0 && !_tradeIds[e.InstrumentId]!.Add(e.TradeId)) return RejectReason.Duplicate;
        if (e.Kind == MarketEventKind.Quote)
        {
            if (e.UpdateId != 0 && e.UpdateId == s.LastQuoteUpdateId && e.Bid == s.LastBid && e.Ask == s.LastAsk
                && e.BidSize == s.LastBidSize && e.AskSize == s.LastAskSize)
                return RejectReason.Duplicate;
            s.LastQuoteUpdateId = e.UpdateId;
            s.LastBid = e.Bid;
            s.LastAsk = e.Ask;
            s.LastBidSize = e.BidSize;
            s.LastAskSize = e.AskSize;
        }
        CommitTime(ref e, ref s);
        return RejectReason.None;
    }

    private RejectReason CheckQuote(ref MarketEvent e, Instrument instrument, ref InstrumentState s)
    {
        // A zero price means "no quote on that side" (empty or halted book); both empty carries nothing.
        if (e.Bid < 0 || e.Ask < 0 || (e.Bid == 0 && e.Ask == 0)) return RejectReason.NonPositivePrice;
        if (e.BidSize < 0 || e.AskSize < 0) return RejectReason.NegativeSize;
        if (e.Bid > 0 && e.Ask > 0 && e.Bid >= e.Ask) return RejectReason.CrossedBook;
        if (!OnTick(e.Bid, instrument) || !OnTick(e.Ask, instrument)) return RejectReason.TickMisaligned;
        if (!OnStep(e.BidSize, instrument) || !OnStep(e.AskSize, instrument)) return RejectReason.StepMisaligned;
        if (e.Bid > 0 && e.Ask > 0) return CheckBand((e.Bid + e.Ask) / 2, ref s);
        return RejectReason.None;
    }

    private RejectReason CheckTrade(ref MarketEvent e, Instrument instrument, ref InstrumentState s)
    {
        if (e.Price <= 0) return RejectReason.NonPositivePrice;
        if (e.Quantity < 0) return RejectReason.NegativeSize;
        if (!OnTick(e.Price, instrument)) return RejectReason.TickMisaligned;
        if (!OnStep(e.Quantity, instrument)) return RejectReason.StepMisaligned;
        return CheckBand(e.Price, ref s);
    }

    private static RejectReason CheckLevel(ref MarketEvent e, Instrument instrument)
    {
        if (e.Side == Side.None) return RejectReason.None; // an empty message carrying only ids
        if (e.Price <= 0) return RejectReason.NonPositivePrice;
        if (e.Quantity < 0) return RejectReason.NegativeSize;
        if (!OnTick(e.Price, instrument)) return RejectReason.TickMisaligned;
        if (!OnStep(e.Quantity, instrument)) return RejectReason.StepMisaligned;
        return RejectReason.None;
    }

    private static RejectReason CheckTicker(ref MarketEvent e)
    {
        // 24 h statistics of a market without trades are legitimately all zero.
        if (e.Price < 0 || e.Bid < 0 || e.Ask < 0 || e.Open < 0 || e.High < 0 || e.Low < 0) return RejectReason.NonPositivePrice;
        if (e.Volume < 0 || e.BidSize < 0 || e.AskSize < 0) return RejectReason.NegativeSize;
        if (e.Bid > 0 && e.Ask > 0 && e.Bid >= e.Ask) return RejectReason.CrossedBook;
        return RejectReason.None;
    }

    private static RejectReason CheckCandle(ref MarketEvent e)
    {
        if (e.Open <= 0 || e.High <= 0 || e.Low <= 0 || e.Price <= 0) return RejectReason.NonPositivePrice;
        if (e.Volume < 0) return RejectReason.NegativeSize;
        if (e.High < e.Low || e.High < e.Open || e.High < e.Price || e.Low > e.Open || e.Low > e.Price) return RejectReason.PriceOutOfBand;
        return RejectReason.None;
    }

    private RejectReason CheckBand(long price, ref InstrumentState s)
    {
        if (s.ReferencePrice == 0)
        {
            s.ReferencePrice = price;
            return RejectReason.None;
        }
        // |price - ref| / ref > band: compared in 128-bit so large mantissas cannot overflow.
        var diff = Math.Abs(price - s.ReferencePrice);
        if ((Int128)diff * 10_000 > (Int128)s.ReferencePrice * _options.PriceBandBps)
        {
            if (++s.OutOfBand >= _options.ReanchorAfter)
            {
                s.ReferencePrice = price;
                s.OutOfBand = 0;
                Reanchors++;
            }
            return RejectReason.PriceOutOfBand;
        }
        s.OutOfBand = 0;
        s.ReferencePrice = price;
        return RejectReason.None;
    }

    private RejectReason CheckTime(ref MarketEvent e, ref InstrumentState s)
    {
        if (e.ReceiveTimeNs != 0)
        {
            var skew = e.ExchangeTimeNs - e.ReceiveTimeNs;
            if (skew > _futureToleranceNs) return RejectReason.FutureTimestamp;
            if (-skew > _stalenessNs) return RejectReason.StaleTimestamp;
        }
        // Monotone per stream; levels of one message share a time, so only the head is compared.
        if (e.Kind is MarketEventKind.BookDelta or MarketEventKind.BookSnapshotLevel && !e.Has(EventFlags.FirstInMessage)) return RejectReason.None;
        if (e.ExchangeTimeNs < s.LastTime(e.Kind)) return RejectReason.NonMonotonicTimestamp;
        return RejectReason.None;
    }

    private static void CommitTime(ref MarketEvent e, ref InstrumentState s)
    {
        if (e.ExchangeTimeNs == 0 || e.Kind == MarketEventKind.Candle || e.Has(EventFlags.FromRest)) return;
        s.SetLastTime(e.Kind, e.ExchangeTimeNs);
    }

    private static bool OnTick(long price, Instrument instrument) => instrument.TickSize <= 0 || price % instrument.TickSize == 0;

    private static bool OnStep(long quantity, Instrument instrument) => instrument.StepSize <= 0 || quantity % instrument.StepSize == 0;

    /// <summary>Re-anchor the reference price (e.g. from a fresh snapshot's mid after a resync).</summary>
    public void SetReference(int instrumentId, long price)
    {
        if ((uint)instrumentId < (uint)_state.Length) _state[instrumentId].ReferencePrice = price;
    }

    private struct InstrumentState
    {
        public long ReferencePrice;
        public int OutOfBand;
        public long LastQuoteUpdateId, LastBid, LastAsk, LastBidSize, LastAskSize;
        private long _quoteTime, _tradeTime, _bookTime, _tickerTime;

        public readonly long LastTime(MarketEventKind kind) => kind switch
        {
            MarketEventKind.Quote => _quoteTime,
            MarketEventKind.Trade => _tradeTime,
            MarketEventKind.BookDelta or MarketEventKind.BookSnapshotLevel => _bookTime,
            MarketEventKind.Ticker => _tickerTime,
            _ => 0,
        };

        public void SetLastTime(MarketEventKind kind, long t)
        {
            switch (kind)
            {
                case MarketEventKind.Quote: _quoteTime = t; break;
                case MarketEventKind.Trade: _tradeTime = t; break;
                case MarketEventKind.BookDelta or MarketEventKind.BookSnapshotLevel: _bookTime = t; break;
                case MarketEventKind.Ticker: _tickerTime = t; break;
            }
        }
    }
}

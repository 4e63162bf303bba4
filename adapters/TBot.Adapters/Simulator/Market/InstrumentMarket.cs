using TBot.Engine.Events;
using TBot.Engine.Instruments;

namespace TBot.Adapters.Simulator.Market;

/// <summary>
/// The authoritative market of one instrument: a book of tick-aligned levels with step-aligned sizes kept around
/// a fair value that does a seeded random walk. Invariant: every bid is below the fair value and every ask above
/// it, so the book is never crossed. Each step changes levels and may print trades; every change and trade takes
/// one number of the instrument's event sequence (Binance update id, OKX seqId, Coinbase Exchange sequence).
/// Mutated by the simulator's pump thread under <see cref="MarketModel.SyncRoot"/>; read under the same lock.
/// </summary>
public sealed class InstrumentMarket
{
    private const int RecentTradeCapacity = 64;

    private readonly SeededRandom _rng;
    private readonly int _depth;
    private readonly long _tick;
    private readonly long _step;
    private readonly long _maxSizeSteps;
    private readonly long _minFairHalfTicks;
    // How far (in ticks) from the best valid price a level may rest. Without a bound the book drifts apart:
    // trades and cancels thin it near the top while new levels only ever extend it at the deep end, so after a
    // few million steps its touch sits percent away from the fair value and trades print far off the last mid.
    private readonly long _reachTicks;
    private readonly TradePrint[] _recent = new TradePrint[RecentTradeCapacity];
    private int _recentHead;
    private long _topBidPrice, _topBidQty, _topAskPrice, _topAskQty;

    internal InstrumentMarket(Instrument instrument, SimulatedInstrument spec, int index, int venueIndex, ulong seed, int depth)
    {
        Instrument = instrument;
        Spec = spec;
        Index = index;
        VenueIndex = venueIndex;
        _depth = Math.Max(5, depth);
        _tick = spec.TickSize;
        _step = spec.StepSize;
        _maxSizeSteps = Math.Max(2, 2 * spec.TypicalLevelSize / spec.StepSize);
        _reachTicks = _depth * 4L;
        _minFairHalfTicks = 2L * (_reachTicks + 16);
        _rng = new SeededRandom(SeededRandom.Mix(seed, SeededRandom.StableHash(VenueNames.Name(spec.Venue) + ":" + spec.Symbol)));
        Bids = new SimBookSide(isBid: true, _depth * 2 + 16);
        Asks = new SimBookSide(isBid: false, _depth * 2 + 16);

        // Ids beyond 2^32 from the start, as on busy real books, so clients that use int are caught.
        Sequence = 5_000_000_000L + _rng.NextLong(1_000_000_000L);
        LastTradeId = 100_000_000L + _rng.NextLong(100_000_000L);
        FairHalfTicks = Math.Max(_minFairHalfTicks, 2 * (spec.InitialPrice / _tick));
        Seed();
    }

    public Instrument Instrument { get; }

    public SimulatedInstrument Spec { get; }

    /// <summary>Position in <see cref="MarketModel.Markets"/>.</summary>
    public int Index { get; }

    /// <summary>Position among the instruments of the same venue.</summary>
    public int VenueIndex { get; }

    /// <summary>Bids, best (highest) first. Read under <see cref="MarketModel.SyncRoot"/>.</summary>
    public SimBookSide Bids { get; }

    /// <summary>Asks, best (lowest) first. Read under <see cref="MarketModel.SyncRoot"/>.</summary>
    public SimBookSide Asks { get; }

    /// <summary>The last event sequence number used (Binance lastUpdateId, OKX seqId).</summary>
    public long Sequence { get; private set; }

    /// <summary>Id of the last public trade (ids are consecutive).</summary>
    public long LastTradeId { get; private set; }

    public TickerStats Stats { get; } = new();

    /// <summary>The fair value in half ticks: bids are strictly below it, asks strictly above.</summary>
    internal long FairHalfTicks { get; private set; }

    /// <summary>Fair value as a price mantissa (rounded down to the tick).</summary>
    public long FairPrice => FairHalfTicks / 2 * _tick;

    public int RecentTradeCount { get; private set; }

    /// <summary>Recent trade by age: 0 = newest.</summary>
    public TradePrint RecentTrade(int age) => _recent[(_recentHead - 1 - age + RecentTradeCapacity * 2) % RecentTradeCapacity];

    private void Seed()
    {
        var bidTick = MaxBidTick();
        var askTick = MinAskTick();
        for (var i = 0; i < _depth; i++)
        {
            Bids.Set(bidTick * _tick, RandomSize());
            Asks.Set(askTick * _tick, RandomSize());
            bidTick -= 1 + _rng.Next(3);
            askTick += 1 + _rng.Next(3);
        }
        var p = Spec.InitialPrice;
        Stats.Open = Math.Max(_tick, (p - p / 100 + _rng.NextLong(Math.Max(1, p / 50))) / _tick * _tick);
        Stats.High = Math.Max(p, Stats.Open) + p / 200 / _tick * _tick;
        Stats.Low = Math.Min(p, Stats.Open) - p / 200 / _tick * _tick;
        Stats.Last = p;
        Stats.LastQuantity = RandomSize();
        Stats.High52Weeks = p + p / 2 / _tick * _tick;
        Stats.Low52Weeks = Math.Max(_tick, p / 3 / _tick * _tick);
        Stats.BaseVolume = Spec.TypicalLevelSize * (5_000 + _rng.NextLong(5_000));
        Stats.BaseVolume30Days = Stats.BaseVolume * 30;
        Stats.QuoteVolume = (long)((Int128)Stats.BaseVolume * p / Engine.Numerics.FixedPoint.Pow10(Spec.QuantityScale));
        Stats.TradeCount = 100_000 + _rng.NextLong(100_000);
        Stats.FirstTradeId = LastTradeId - Stats.TradeCount + 1;
        RememberTop();
    }

    // ---- step protocol: Begin → operations → Rebalance → End -------------------------------------------

    internal void Begin(MarketStep step, long timeNs) => step.Reset(this, timeNs);

    /// <summary>One random market event (the seeded RNG alone decides, so a seed replays the same market).</summary>
    internal void RandomEvent(MarketStep step)
    {
        var r = _rng.Next(1000);
        var side = _rng.Next(2) == 0 ? Bids : Asks;
        if (r < 100) WalkFair(step);
        else if (r < 300) RandomTrade(step);
        else if (r < 420) AddLevel(step, side);
        else if (r < 500) RemoveLevel(step, side);
        else ChangeSize(step, side);
    }

    /// <summary>Keep both sides populated and near the configured depth.</summary>
    internal void Rebalance(MarketStep step)
    {
        RebalanceSide(step, Bids);
        RebalanceSide(step, Asks);
    }

    /// <summary>Assign the event sequence range and note whether the top of book moved.</summary>
    internal void End(MarketStep step)
    {
        if (step.ChangeCount == 0 && step.TradeCount == 0) ChangeSize(step, Bids);
        step.PreviousSequence = Sequence;
        step.FirstSequence = Sequence + 1;
        Sequence += step.ChangeCount + step.TradeCount;
        step.LastSequence = Sequence;
        step.TopOfBookChanged = Bids.BestPrice != _topBidPrice || Bids.BestQuantity != _topBidQty
            || Asks.BestPrice != _topAskPrice || Asks.BestQuantity != _topAskQty;
        RememberTop();
    }

    private void RememberTop()
    {
        _topBidPrice = Bids.BestPrice;
        _topBidQty = Bids.BestQuantity;
        _topAskPrice = Asks.BestPrice;
        _topAskQty = Asks.BestQuantity;
    }

    // ---- events -----------------------------------------------------------------------------------------

    private void WalkFair(MarketStep step)
    {
        var move = 1 + _rng.Next(2 * Spec.WalkTicks);
        var up = _rng.Next(2) == 0 || FairHalfTicks - move < _minFairHalfTicks;
        if (up)
        {
            FairHalfTicks += move;
            // Asks the fair value moved through are lifted by a buyer.
            while (Asks.Count > 0 && 2 * (Asks.BestPrice / _tick) <= FairHalfTicks) TakeLevel(step, Asks, Asks.BestQuantity);
            var t = MaxBidTick();
            if (_rng.Chance(600) && (Bids.Count == 0 || t * _tick > Bids.BestPrice)) SetLevel(step, Bids, t * _tick, RandomSize());
        }
        else
        {
            FairHalfTicks -= move;
            while (Bids.Count > 0 && 2 * (Bids.BestPrice / _tick) >= FairHalfTicks) TakeLevel(step, Bids, Bids.BestQuantity);
            var t = MinAskTick();
            if (_rng.Chance(600) && (Asks.Count == 0 || t * _tick < Asks.BestPrice)) SetLevel(step, Asks, t * _tick, RandomSize());
        }
    }

    private void RandomTrade(MarketStep step)
    {
        var side = _rng.Next(2) == 0 ? Asks : Bids; // Asks = a buyer lifts the offer.
        if (side.Count == 0) return;
        var available = side.BestQuantity;
        var steps = available / _step;
        var quantity = _rng.Chance(250) || steps <= 1 ? available : _step * (1 + _rng.NextLong(steps - 1));
        TakeLevel(step, side, quantity);
        // Now and then a taker sweeps into the next level too.
        if (quantity == available && side.Count > 1 && _rng.Chance(100))
        {
            var next = side.BestQuantity / _step;
            TakeLevel(step, side, next <= 1 ? side.BestQuantity : _step * (1 + _rng.NextLong(next - 1)));
        }
    }

    private void AddLevel(MarketStep step, SimBookSide side)
    {
        if (side.Count >= _depth + 3)
        {
            ChangeSize(step, side);
            return;
        }
        if (side.Count == 0)
        {
            SetLevel(step, side, BestValidTick(side) * _tick, RandomSize());
            return;
        }
        var r = _rng.Next(10);
        var bestTick = side.BestPrice / _tick;
        if (r < 2)
        {
            // Improve inside the spread, staying on this side of the fair value.
            var limit = BestValidTick(side);
            var t = side.IsBid ? bestTick + 1 + _rng.Next(2) : bestTick - 1 - _rng.Next(2);
            if (side.IsBid ? t <= limit : t >= limit)
            {
                SetLevel(step, side, t * _tick, RandomSize());
                return;
            }
        }
        else if (r < 6 && side.Count >= 2)
        {
            // Fill a hole between two adjacent levels.
            var i = _rng.Next(side.Count - 1);
            var gap = Math.Abs(side.PriceAt(i) - side.PriceAt(i + 1)) / _tick;
            if (gap > 1)
            {
                var offset = (1 + _rng.NextLong(gap - 1)) * _tick;
                SetLevel(step, side, side.IsBid ? side.PriceAt(i) - offset : side.PriceAt(i) + offset, RandomSize());
                return;
            }
        }
        ExtendDeepest(step, side);
    }

    private void RemoveLevel(MarketStep step, SimBookSide side)
    {
        if (side.Count <= 2)
        {
            ChangeSize(step, side);
            return;
        }
        var depth = _rng.Chance(100) ? 0 : 1 + _rng.Next(side.Count - 1);
        SetLevel(step, side, side.PriceAt(depth), 0);
    }

    private void ChangeSize(MarketStep step, SimBookSide side)
    {
        if (side.Count == 0)
        {
            SetLevel(step, side, BestValidTick(side) * _tick, RandomSize());
            return;
        }
        // Biased towards the top, where real books change most.
        var depth = Math.Min(_rng.Next(side.Count), _rng.Next(side.Count));
        var size = RandomSize();
        if (size == side.QuantityAt(depth)) size += _step;
        SetLevel(step, side, side.PriceAt(depth), size);
    }

    private void RebalanceSide(MarketStep step, SimBookSide side)
    {
        // Levels the fair value has left behind are cancelled, deepest (farthest) first.
        while (side.Count > 0 && !WithinReach(side, side.PriceAt(side.Count - 1))) SetLevel(step, side, side.PriceAt(side.Count - 1), 0);
        if (side.Count == 0) SetLevel(step, side, BestValidTick(side) * _tick, RandomSize());
        while (side.Count < _depth - 3)
        {
            if (!ExtendDeepest(step, side)) break;
        }
        while (side.Count > _depth + 3) SetLevel(step, side, side.PriceAt(side.Count - 1), 0);
    }

    private bool ExtendDeepest(MarketStep step, SimBookSide side)
    {
        var deepest = side.PriceAt(side.Count - 1);
        var offset = (1 + _rng.Next(3)) * _tick;
        var price = side.IsBid ? deepest - offset : deepest + offset;
        if (price <= 0 || !WithinReach(side, price)) return FillFirstHole(step, side);
        SetLevel(step, side, price, RandomSize());
        return true;
    }

    /// <summary>Add a level in the gap nearest the top (the book is at its reach, so it grows inwards).</summary>
    private bool FillFirstHole(MarketStep step, SimBookSide side)
    {
        for (var i = 0; i + 1 < side.Count; i++)
        {
            var gap = Math.Abs(side.PriceAt(i) - side.PriceAt(i + 1)) / _tick;
            if (gap <= 1) continue;
            var offset = (1 + _rng.NextLong(gap - 1)) * _tick;
            SetLevel(step, side, side.IsBid ? side.PriceAt(i) - offset : side.PriceAt(i) + offset, RandomSize());
            return true;
        }
        return false;
    }

    // ---- primitives -------------------------------------------------------------------------------------

    private long MaxBidTick() => (FairHalfTicks - 1) / 2;

    private long MinAskTick() => FairHalfTicks / 2 + 1;

    private long BestValidTick(SimBookSide side) => side.IsBid ? MaxBidTick() : MinAskTick();

    private bool WithinReach(SimBookSide side, long price) =>
        (side.IsBid ? MaxBidTick() - price / _tick : price / _tick - MinAskTick()) <= _reachTicks;

    private long RandomSize() => _step * (1 + _rng.NextLong(_maxSizeSteps));

    private void SetLevel(MarketStep step, SimBookSide side, long price, long quantity)
    {
        var depth = side.Set(price, quantity);
        if (depth >= 0) step.AddChange(side.IsBid ? Side.Buy : Side.Sell, price, quantity, depth);
    }

    /// <summary>A taker trades <paramref name="quantity"/> against the best level of <paramref name="side"/>.</summary>
    private void TakeLevel(MarketStep step, SimBookSide side, long quantity)
    {
        var price = side.BestPrice;
        var remaining = side.BestQuantity - quantity;
        PrintTrade(step, side.IsBid ? Side.Sell : Side.Buy, price, quantity);
        SetLevel(step, side, price, remaining);
    }

    private void PrintTrade(MarketStep step, Side aggressor, long price, long quantity)
    {
        ref var t = ref step.AddTrade();
        t.TradeId = ++LastTradeId;
        // Trades take the first numbers of the step's sequence range (End() adds the changes after them).
        t.Sequence = Sequence + step.TradeCount;
        t.Price = price;
        t.Quantity = quantity;
        t.Aggressor = aggressor;
        t.TimeNs = step.TimeNs;
        Stats.OnTrade(price, quantity, Spec.QuantityScale);
        _recent[_recentHead] = t;
        _recentHead = (_recentHead + 1) % RecentTradeCapacity;
        if (RecentTradeCount < RecentTradeCapacity) RecentTradeCount++;
    }

    // ---- taker orders (the simulator's order endpoint) --------------------------------------------------

    /// <summary>
    /// Quantity available to a taker of <paramref name="aggressor"/> up to <paramref name="limitPrice"/>
    /// (0 = no limit).
    /// </summary>
    internal long AvailableTo(Side aggressor, long limitPrice)
    {
        var side = aggressor == Side.Buy ? Asks : Bids;
        long total = 0;
        for (var i = 0; i < side.Count; i++)
        {
            var p = side.PriceAt(i);
            if (limitPrice != 0 && (aggressor == Side.Buy ? p > limitPrice : p < limitPrice)) break;
            total += side.QuantityAt(i);
        }
        return total;
    }

    /// <summary>
    /// Walk the book as a taker: buy from the asks (sell into the bids) up to <paramref name="limitPrice"/>
    /// (0 = market) for <paramref name="quantity"/> base units, or, when quantity is 0, for
    /// <paramref name="quoteQuantity"/> (price-scale mantissa) of quote currency. Prints public trades and
    /// book changes into <paramref name="step"/>; returns the fills.
    /// </summary>
    internal void Take(MarketStep step, Side aggressor, long limitPrice, long quantity, long quoteQuantity, List<PriceLevel> fills)
    {
        var side = aggressor == Side.Buy ? Asks : Bids;
        var qtyPow = Engine.Numerics.FixedPoint.Pow10(Spec.QuantityScale);
        while (side.Count > 0)
        {
            var price = side.BestPrice;
            if (limitPrice != 0 && (aggressor == Side.Buy ? price > limitPrice : price < limitPrice)) break;
            long take;
            if (quantity > 0)
            {
                take = Math.Min(quantity, side.BestQuantity);
                quantity -= take;
            }
            else
            {
                // Spend what is left of the quote amount, rounded down to the step.
                var affordable = (long)((Int128)quoteQuantity * qtyPow / price) / _step * _step;
                take = Math.Min(affordable, side.BestQuantity);
                if (take <= 0) break;
                quoteQuantity -= (long)((Int128)take * price / qtyPow);
            }
            if (take <= 0) break;
            TakeLevel(step, side, take);
            fills.Add(new PriceLevel(price, take));
            if (quantity == 0 && quoteQuantity <= 0) break;
        }
    }
}

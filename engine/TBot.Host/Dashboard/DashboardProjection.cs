using System.Globalization;
using TBot.Engine.Events;
using TBot.Engine.Journal;
using TBot.Engine.Numerics;
using TBot.Engine.Orders;
using TBot.Engine.Risk;
using TBot.Engine.Trading;
using TBot.Persistence.Projections;

namespace TBot.Host.Dashboard;

/// <summary>
/// The dashboard's picture of the run, projected from the journal like the stores (run by a <see cref="ProjectionRunner"/>
/// on the thread pool): top of book and depth per instrument, open orders, positions and PnL per bot, bot risk states.
/// The trading core's objects belong to the trading thread; this reads only the journal, so the feed may read it from
/// any thread. One writer (the runner) and readers (the feed) share one lock: a batch is applied under it, a reader
/// copies what it needs under it. Neither is a ring thread.
/// <para>Starts at journal position 0 by default: fees and position cost are sums over every fill, so a restarted run
/// rebuilds them from the whole journal, as the trading core itself does.</para>
/// </summary>
public sealed class DashboardProjection : IProjection
{
    private readonly Lock _gate = new();
    private readonly DashboardInstrument?[] _instruments;
    private readonly List<DashboardInstrument> _all = new();
    private readonly Dictionary<long, DashboardOrder> _open = new();
    private readonly Dictionary<(int Bot, int Instrument), DashboardPosition> _positions = new();
    private readonly Dictionary<int, DashboardBotState> _bots = new();
    private long _checkpoint;
    private long _ordersVersion, _botsVersion;
    private bool _tradingEnabled;

    public DashboardProjection(JournalManifest manifest, long startPosition = 0, string name = "dashboard")
    {
        _instruments = DashboardInstrument.ForManifest(manifest);
        foreach (var instrument in _instruments)
            if (instrument is not null) _all.Add(instrument);
        _checkpoint = startPosition;
        Name = name;
    }

    public string Name { get; }

    public long Checkpoint => Volatile.Read(ref _checkpoint);

    /// <summary>The instruments' ids, in manifest order.</summary>
    public IReadOnlyList<int> InstrumentIds => [.. _all.Select(i => i.Instrument.Id)];

    public Task<long> LoadCheckpointAsync(CancellationToken cancellationToken) => Task.FromResult(Checkpoint);

    /// <summary>Applies a batch. In memory only, so a re-applied batch (never happens without a store error) is
    /// harmless for books and states; fills are guarded by the checkpoint.</summary>
    public Task ApplyAsync(JournalBatch batch, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            foreach (ref readonly var r in batch.Records)
            {
                if (r.Position <= _checkpoint) continue;
                if (r.Type == JournalRecordType.Event) OnEvent(batch.Event(r), r.Position);
                else if (r.Type == JournalRecordType.Decision) OnDecision(batch.Decision(r), r.Position);
            }
            if (batch.Count > 0) Volatile.Write(ref _checkpoint, Math.Max(_checkpoint, batch.LastPosition));
        }
        return Task.CompletedTask;
    }

    private void OnEvent(in MarketEvent e, long position)
    {
        if ((uint)e.InstrumentId >= (uint)_instruments.Length || _instruments[e.InstrumentId] is not { } s) return;
        s.Apply(in e, position);
    }

    private void OnDecision(in DecisionRecord d, long position)
    {
        switch (d.Kind)
        {
            case DecisionKind.OrderSubmitted:
            case DecisionKind.Reconciled:
                _open[d.ClientOrderId] = new DashboardOrder
                {
                    ClientOrderId = d.ClientOrderId, VenueOrderId = d.VenueOrderId, BotId = d.BotId, InstrumentId = d.InstrumentId,
                    Side = d.Side, Type = d.OrderType, Status = d.Kind == DecisionKind.Reconciled ? OrderStatus.Accepted : OrderStatus.Submitted,
                    Price = d.Price, Quantity = d.Quantity, Filled = d.Value1, CreatedNs = d.TimeNs, UpdatedNs = d.TimeNs,
                };
                _ordersVersion++;
                break;
            case DecisionKind.OrderStatusChanged:
                Move(d.ClientOrderId, d.ToStatus, d.Value1, d.VenueOrderId, d.TimeNs);
                break;
            case DecisionKind.Fill:
                if ((uint)d.InstrumentId < (uint)_instruments.Length && _instruments[d.InstrumentId] is { } i)
                {
                    if (!_positions.TryGetValue((d.BotId, d.InstrumentId), out var p))
                        _positions.Add((d.BotId, d.InstrumentId), p = new DashboardPosition(d.BotId, d.InstrumentId));
                    p.ApplyFill(d.Side, d.Price, i.Instrument.PriceScale, d.Quantity, i.Instrument.QuantityScale, d.Value1);
                    BotOf(d.BotId);
                    _botsVersion++;
                }
                var filled = _open.TryGetValue(d.ClientOrderId, out var o) ? o.Filled + d.Quantity : d.Quantity;
                Move(d.ClientOrderId, d.ToStatus, filled, d.VenueOrderId, d.TimeNs);
                break;
            case DecisionKind.KillSwitch:
                var k = BotOf(d.BotId);
                k.Killed = true;
                k.KillCause = d.Reason;
                k.KillPnl = d.Value2;
                k.KillTimeNs = d.TimeNs;
                _botsVersion++;
                break;
            case DecisionKind.Control:
                switch ((ControlCommand)d.Reason)
                {
                    case ControlCommand.EnableTrading: _tradingEnabled = true; break;
                    case ControlCommand.DisableTrading: _tradingEnabled = false; break;
                    case ControlCommand.PauseBot when d.BotId != 0: BotOf(d.BotId).Paused = true; break;
                    case ControlCommand.ResumeBot when d.BotId != 0:
                        var b = BotOf(d.BotId);
                        b.Paused = b.Killed = false;
                        b.KillCause = 0;
                        break;
                }
                _botsVersion++;
                break;
        }
    }

    private void Move(long clientOrderId, OrderStatus to, long filled, long venueOrderId, long timeNs)
    {
        if (!_open.TryGetValue(clientOrderId, out var o)) return;
        if (to is OrderStatus.Filled or OrderStatus.Cancelled or OrderStatus.Rejected or OrderStatus.Expired)
        {
            _open.Remove(clientOrderId);
        }
        else
        {
            o.Status = to;
            o.Filled = filled;
            if (venueOrderId != 0) o.VenueOrderId = venueOrderId;
            o.UpdatedNs = timeNs;
        }
        _ordersVersion++;
    }

    private DashboardBotState BotOf(int botId)
    {
        if (!_bots.TryGetValue(botId, out var b)) _bots.Add(botId, b = new DashboardBotState(botId));
        return b;
    }

    // ---- readers (any thread): copies made under the lock ----

    /// <summary>The instrument's version: changes whenever its quote, last or book does.</summary>
    public long BookVersion(int instrumentId)
    {
        lock (_gate) return _instruments[instrumentId]?.Version ?? 0;
    }

    public long OrdersVersion { get { lock (_gate) return _ordersVersion; } }

    public long BotsVersion { get { lock (_gate) return _botsVersion; } }

    public bool TradingEnabled { get { lock (_gate) return _tradingEnabled; } }

    /// <summary>Top of book and the top <paramref name="depth"/> levels per side of one instrument.</summary>
    public BookPayload? Book(int instrumentId, int depth, out long version)
    {
        lock (_gate)
        {
            version = 0;
            if ((uint)instrumentId >= (uint)_instruments.Length || _instruments[instrumentId] is not { } s) return null;
            version = s.Version;
            int ps = s.Instrument.PriceScale, qs = s.Instrument.QuantityScale;
            var (bid, bidSize, ask, askSize) = s.Top();
            return new BookPayload(s.Key, s.Instrument.Venue, s.Instrument.Symbol,
                Price(bid, ps), Price(bidSize, qs), Price(ask, ps), Price(askSize, qs), Price(s.Last, ps),
                s.Stale, s.TimeNs, Levels(s.Bids, depth, ps, qs), Levels(s.Asks, depth, ps, qs));
        }
    }

    /// <summary>Open orders, newest first, at most <paramref name="max"/> listed.</summary>
    public OrdersPayload Orders(int max)
    {
        lock (_gate)
        {
            var list = new List<OrderPayload>(Math.Min(max, _open.Count));
            foreach (var o in _open.Values.OrderByDescending(o => o.CreatedNs).ThenByDescending(o => o.ClientOrderId).Take(max))
            {
                var i = _instruments[o.InstrumentId]?.Instrument;
                int ps = i?.PriceScale ?? 0, qs = i?.QuantityScale ?? 0;
                list.Add(new OrderPayload(o.ClientOrderId.ToString(CultureInfo.InvariantCulture), o.BotId,
                    _instruments[o.InstrumentId]?.Key ?? o.InstrumentId.ToString(CultureInfo.InvariantCulture),
                    o.Side == Side.Buy ? "buy" : "sell", o.Type.ToString().ToLowerInvariant(), Snake(o.Status.ToString()),
                    FixedPoint.ToDecimalString(o.Price, ps), FixedPoint.ToDecimalString(o.Quantity, qs), FixedPoint.ToDecimalString(o.Filled, qs), o.CreatedNs));
            }
            return new OrdersPayload(_open.Count, list);
        }
    }

    /// <summary>Every bot of <paramref name="known"/> (configured bots, also those that have not traded yet) and any
    /// other bot the journal mentions, with positions marked at the projection's own mid.</summary>
    public BotsPayload Bots(IReadOnlyList<(int Id, string Name, string Strategy)> known)
    {
        lock (_gate)
        {
            var ids = new SortedSet<int>(known.Select(k => k.Id));
            ids.UnionWith(_bots.Keys);
            foreach (var (bot, _) in _positions.Keys) ids.Add(bot);
            var result = new List<BotPayload>(ids.Count);
            foreach (var id in ids)
            {
                var info = known.FirstOrDefault(k => k.Id == id);
                _bots.TryGetValue(id, out var state);
                long realised = 0, unrealised = 0, fees = 0;
                var positions = new List<PositionPayload>();
                foreach (var p in _positions.Values.Where(p => p.BotId == id).OrderBy(p => p.InstrumentId))
                {
                    var s = _instruments[p.InstrumentId]!;
                    int ps = s.Instrument.PriceScale, qs = s.Instrument.QuantityScale;
                    var u = p.Unrealized(s.Mark(), ps, qs);
                    realised += p.Realized;
                    unrealised += u;
                    fees += p.Fees;
                    positions.Add(new PositionPayload(s.Key, FixedPoint.ToDecimalString(p.Quantity, qs), MoneyText(p.Cost), MoneyText(p.Realized), MoneyText(u), MoneyText(p.Fees), p.Fills));
                }
                result.Add(new BotPayload(id, info.Name ?? $"bot-{id}", info.Strategy ?? "", state?.State ?? "active",
                    state is { Killed: true } ? KillSwitchCauses.Name((KillSwitchCause)state.KillCause) : null,
                    MoneyText(realised), MoneyText(unrealised), MoneyText(fees), MoneyText(realised + unrealised - fees), positions));
            }
            return new BotsPayload(_tradingEnabled, result);
        }
    }

    private static List<string[]> Levels(SortedDictionary<long, long> side, int depth, int ps, int qs)
    {
        var levels = new List<string[]>(Math.Min(depth, side.Count));
        foreach (var (price, quantity) in side)
        {
            if (levels.Count == depth) break;
            levels.Add([FixedPoint.ToDecimalString(price, ps), FixedPoint.ToDecimalString(quantity, qs)]);
        }
        return levels;
    }

    private static string? Price(long mantissa, int scale) => mantissa == 0 ? null : FixedPoint.ToDecimalString(mantissa, scale);

    internal static string MoneyText(long money) => FixedPoint.ToDecimalString(money, Money.Scale);

    // PartiallyFilled → partially_filled.
    private static string Snake(string name) => string.Concat(name.Select((ch, i) => i > 0 && char.IsUpper(ch) ? "_" + char.ToLowerInvariant(ch) : char.ToLowerInvariant(ch).ToString()));
}

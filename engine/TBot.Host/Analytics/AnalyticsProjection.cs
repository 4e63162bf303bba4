using TBot.Engine.Events;
using TBot.Engine.Instruments;
using TBot.Engine.Journal;
using TBot.Host.Dashboard;
using TBot.Persistence.Projections;

namespace TBot.Host.Analytics;

/// <summary>
/// Trading analytics projected from the journal (the source of truth; the PostgreSQL tables are projections of it too):
/// PnL, slippage against the mid at the decision, fill ratios, order and feed latencies, risk rejections. Fed batch by
/// batch, by a <see cref="ProjectionRunner"/> while a run writes the journal (<see cref="AnalyticsRun"/>) or by a scan of
/// a finished one (<see cref="AnalyticsScan"/>); the same code answers both. One lock: a batch is applied under it, a
/// report is built under it. Memory: the top of book per instrument, open orders, and counters and fixed-size
/// histograms per bot / instrument / venue (plus one small row per bot, instrument and UTC day with fills). The live one
/// also takes <see cref="WindowSeed"/>s into a <see cref="SeedShelf"/>; a windowed scan may start from one.
/// </summary>
public sealed class AnalyticsProjection : IProjection
{
    private readonly Lock _gate = new();
    private readonly DashboardInstrument?[] _instruments;
    private readonly Dictionary<Venue, LatencyHistogram> _feed = new();
    private long _checkpoint, _records, _recordsRead, _firstNs, _lastNs;
    private bool _begun;
    // Window seeds (the live projection only): the latest record time so far, and the next boundary to seed at.
    private readonly SeedShelf? _seeds;
    private long _maxTimeNs = long.MinValue, _nextSeedNs = long.MinValue;

    /// <param name="seeds">Where to put a <see cref="WindowSeed"/> at every seed boundary (the live projection, over the
    /// whole journal); null: none taken.</param>
    /// <param name="seed">Start from this seed instead of the journal's start (a window starting after its
    /// <see cref="WindowSeed.MaxTimeNs"/>); feed it the records after <see cref="WindowSeed.Position"/>.</param>
    public AnalyticsProjection(JournalManifest manifest, AnalyticsWindow window, string name = "analytics", SeedShelf? seeds = null, WindowSeed? seed = null)
    {
        if (seed is not null && (window.FromNs is not { } from || seed.MaxTimeNs >= from))
            throw new ArgumentException("A seed serves a window that starts after every record the seed includes.", nameof(seed));
        _instruments = seed?.Instruments() ?? DashboardInstrument.ForManifest(manifest);
        Manifest = manifest;
        Window = window;
        Name = name;
        _seeds = seeds;
        Pnl = new PnlLedger(_instruments);
        Orders = new OrderAnalytics(_instruments);
        if (seed is not null)
        {
            Pnl.Restore(seed.PositionsCopy());
            Orders.Restore(seed.OrdersCopy());
            _checkpoint = StartPosition = seed.Position;
            _records = seed.Records;
            _maxTimeNs = seed.MaxTimeNs;
        }
    }

    public string Name { get; }

    public JournalManifest Manifest { get; }

    public AnalyticsWindow Window { get; }

    public long Checkpoint => Volatile.Read(ref _checkpoint);

    /// <summary>The journal position this projection started after: a seed's, or 0 for the journal's start.</summary>
    public long StartPosition { get; }

    /// <summary>Records this projection applied itself (not the ones its seed stands for).</summary>
    public long RecordsRead => Volatile.Read(ref _recordsRead);

    internal PnlLedger Pnl { get; }

    internal OrderAnalytics Orders { get; }

    internal RejectionCounts Rejections { get; } = new();

    public Task<long> LoadCheckpointAsync(CancellationToken cancellationToken) => Task.FromResult(Checkpoint);

    public Task ApplyAsync(JournalBatch batch, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Apply(batch, long.MaxValue, long.MaxValue);
        return Task.CompletedTask;
    }

    /// <summary>Applies the batch's records up to position <paramref name="upToPosition"/>, stopping before the first
    /// one at or after <paramref name="stopNs"/>: a scan ends on a record, not on a batch's end, so where it ends (the
    /// report's position and record count) does not depend on where it started. False once it stopped.</summary>
    internal bool Apply(JournalBatch batch, long upToPosition, long stopNs)
    {
        lock (_gate)
        {
            var go = true;
            var last = _checkpoint;
            foreach (ref readonly var r in batch.Records)
            {
                if (r.Position <= _checkpoint) continue;
                if (r.Position > upToPosition || r.TimeNs >= stopNs)
                {
                    go = false;
                    break;
                }
                // The state before the first record past a seed boundary: nothing in it is from that boundary on.
                if (r.TimeNs >= _nextSeedNs && _seeds is not null) Seed(last, r.TimeNs);
                last = r.Position;
                _records++;
                _recordsRead++;
                if (r.TimeNs > _maxTimeNs) _maxTimeNs = r.TimeNs;
                // Past the window's end nothing changes the report: positions and marks stay as they were at its end.
                if (Window.Ended(r.TimeNs)) continue;
                var inWindow = Window.Started(r.TimeNs);
                if (inWindow) Enter(r.TimeNs);
                if (r.Type == JournalRecordType.Event) OnEvent(in batch.Event(r), r.Position, inWindow);
                else if (r.Type == JournalRecordType.Decision) OnDecision(in batch.Decision(r), inWindow);
            }
            Volatile.Write(ref _checkpoint, last);
            return go;
        }
    }

    private void Seed(long position, long timeNs)
    {
        // Not before the first record: a seed of nothing is the journal's start.
        if (position > 0) _seeds!.Add(new WindowSeed(position, _records, _maxTimeNs, _instruments, Pnl.Lines.Select(l => l.Position), Orders.Open));
        _nextSeedNs = _seeds!.NextBoundary(timeNs);
    }

    private void Enter(long timeNs)
    {
        if (!_begun)
        {
            Pnl.Begin(timeNs);
            _begun = true;
            _firstNs = timeNs;
        }
        else
        {
            Pnl.Advance(timeNs);
        }
        _lastNs = Math.Max(_lastNs, timeNs);
    }

    private void OnEvent(in MarketEvent e, long position, bool inWindow)
    {
        if ((uint)e.InstrumentId >= (uint)_instruments.Length || _instruments[e.InstrumentId] is not { } instrument) return;
        if (!instrument.Apply(in e, position)) return;
        // Feed latency: our receive time minus the venue's event time, where the venue sends one. Not candles: their
        // exchange time is the bar's open, so the difference is the bar's age, not the feed's delay.
        if (inWindow && e.ExchangeTimeNs > 0 && e.Kind != MarketEventKind.Candle)
        {
            if (!_feed.TryGetValue(e.Venue, out var h)) _feed.Add(e.Venue, h = new LatencyHistogram());
            h.Record(e.ReceiveTimeNs - e.ExchangeTimeNs);
        }
    }

    private void OnDecision(in DecisionRecord d, bool inWindow)
    {
        switch (d.Kind)
        {
            case DecisionKind.OrderSubmitted:
                Orders.Submitted(in d, inWindow);
                break;
            case DecisionKind.OrderStatusChanged:
                Orders.StatusChanged(in d, inWindow);
                break;
            case DecisionKind.CancelRequested:
                Orders.CancelRequested(in d);
                break;
            case DecisionKind.Fill:
                Pnl.Fill(in d, inWindow);
                Orders.Fill(in d, inWindow);
                break;
            case DecisionKind.RiskRejected when inWindow:
                Rejections.RiskRejected(in d);
                break;
            case DecisionKind.KillSwitch when inWindow:
                Rejections.KillSwitch(in d);
                break;
        }
    }

    /// <summary>The report as of now, for every bot or one (<paramref name="botId"/>); <paramref name="stages"/> are
    /// the live run's stage latencies (null for a journal read from disk).</summary>
    public AnalyticsReport Report(int? botId, IReadOnlyList<AnalyticsBot> bots, SortedDictionary<string, LatencyRow>? stages = null)
    {
        lock (_gate)
        {
            var journal = new JournalInfo(Manifest.JournalId, _checkpoint, _records,
                _begun ? AnalyticsReportBuilder.Iso(_firstNs) : null, _begun ? AnalyticsReportBuilder.Iso(_lastNs) : null, Orders.OpenOrders);
            var feed = new SortedDictionary<string, LatencyRow>(StringComparer.Ordinal);
            foreach (var (venue, h) in _feed) feed[VenueNames.Name(venue)] = h.Row();
            return new AnalyticsReportBuilder(this, _instruments, bots, botId, _begun).Build(journal, feed, stages);
        }
    }
}

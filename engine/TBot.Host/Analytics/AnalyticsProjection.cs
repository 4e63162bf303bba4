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
/// histograms per bot / instrument / venue (plus one small row per bot, instrument and UTC day with fills).
/// </summary>
public sealed class AnalyticsProjection : IProjection
{
    private readonly Lock _gate = new();
    private readonly DashboardInstrument?[] _instruments;
    private readonly Dictionary<Venue, LatencyHistogram> _feed = new();
    private long _checkpoint, _records, _firstNs, _lastNs;
    private bool _begun;

    public AnalyticsProjection(JournalManifest manifest, AnalyticsWindow window, string name = "analytics")
    {
        _instruments = DashboardInstrument.ForManifest(manifest);
        Manifest = manifest;
        Window = window;
        Name = name;
        Pnl = new PnlLedger(_instruments);
        Orders = new OrderAnalytics(_instruments);
    }

    public string Name { get; }

    public JournalManifest Manifest { get; }

    public AnalyticsWindow Window { get; }

    public long Checkpoint => Volatile.Read(ref _checkpoint);

    internal PnlLedger Pnl { get; }

    internal OrderAnalytics Orders { get; }

    internal RejectionCounts Rejections { get; } = new();

    public Task<long> LoadCheckpointAsync(CancellationToken cancellationToken) => Task.FromResult(Checkpoint);

    public Task ApplyAsync(JournalBatch batch, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            foreach (ref readonly var r in batch.Records)
            {
                if (r.Position <= _checkpoint) continue;
                _records++;
                // Past the window's end nothing changes the report: positions and marks stay as they were at its end.
                if (Window.Ended(r.TimeNs)) continue;
                var inWindow = Window.Started(r.TimeNs);
                if (inWindow) Enter(r.TimeNs);
                if (r.Type == JournalRecordType.Event) OnEvent(in batch.Event(r), r.Position, inWindow);
                else if (r.Type == JournalRecordType.Decision) OnDecision(in batch.Decision(r), inWindow);
            }
            if (batch.Count > 0) Volatile.Write(ref _checkpoint, Math.Max(_checkpoint, batch.LastPosition));
        }
        return Task.CompletedTask;
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

using Prometheus;

namespace TBot.Host.Http;

/// <summary>The ring, the journal and the projections that follow it. Set from their counters at scrape time.</summary>
public sealed class PipelineMetrics(IMetricFactory metrics)
{
    private readonly Counter _published = metrics.CreateCounter("tbot_ring_published_total", "Events published to the ring this run.");
    private readonly Counter _processed = metrics.CreateCounter("tbot_ring_processed_total", "Events the trading handler processed this run.");
    private readonly Gauge _backlog = metrics.CreateGauge("tbot_ring_backlog_events", "Events published and not yet processed by the trading handler.");
    private readonly Gauge _capacity = metrics.CreateGauge("tbot_ring_capacity_events", "Ring size.");
    private readonly Gauge _position = metrics.CreateGauge("tbot_journal_position", "Last journal position written.");
    private readonly Counter _bytes = metrics.CreateCounter("tbot_journal_bytes_written_total", "Bytes written to the journal this run.");
    private readonly Counter _records = metrics.CreateCounter("tbot_journal_records_total", "Records written to the journal this run.");
    private readonly Counter _fsyncs = metrics.CreateCounter("tbot_journal_fsyncs_total", "Journal fsyncs this run.");
    private readonly Gauge _lastFsync = metrics.CreateGauge("tbot_journal_last_fsync_seconds", "Duration of the last journal fsync.");
    private readonly Gauge _maxFsync = metrics.CreateGauge("tbot_journal_max_fsync_seconds", "Longest journal fsync this run.");
    private readonly Gauge _faulted = metrics.CreateGauge("tbot_chain_faulted", "1 when the trading chain or the journal stopped on an error (the run then stops).");
    private readonly Gauge _applied = metrics.CreateGauge("tbot_projection_applied_position", "Last journal position a store holds.", ["store"]);
    private readonly Gauge _lag = metrics.CreateGauge("tbot_projection_lag_events", "Journal records not yet in a store.", ["store"]);
    private readonly Counter _failures = metrics.CreateCounter("tbot_projection_failures_total", "Store errors retried by a projection.", ["store"]);

    public void Update(RunParts parts)
    {
        var session = parts.Session;
        var published = parts.Ring.Cursor + 1;
        var processed = session.Core.Counters.Events - session.RebuiltEvents;
        _published.IncTo(published);
        _processed.IncTo(processed);
        _backlog.Set(Math.Max(0, published - processed));
        _capacity.Set(parts.Ring.BufferSize);
        var writer = session.Writer;
        _position.Set(writer.WrittenPosition);
        _bytes.IncTo(writer.BytesWritten);
        _records.IncTo(writer.Records);
        _fsyncs.IncTo(writer.Fsyncs);
        _lastFsync.Set(writer.LastFsyncNs / 1e9);
        _maxFsync.Set(writer.MaxFsyncNs / 1e9);
        _faulted.Set(writer.IsFaulted || session.Fault is not null ? 1 : 0);
        foreach (var (store, p) in parts.Projections.Report())
        {
            _applied.WithLabels(store).Set(p.Applied);
            _lag.WithLabels(store).Set(p.LagEvents);
            _failures.WithLabels(store).IncTo(p.Failures);
        }
    }
}

using Prometheus;
using TBot.Adapters.Connections;
using TBot.Engine.Instruments;
using TBot.Engine.Validation;

namespace TBot.Host.Http;

/// <summary>Market-data intake per venue: frames received, events accepted, rejections by reason, reconnects,
/// resyncs, open connections. Set from the ingress counters at scrape time.</summary>
public sealed class IngressMetrics(IMetricFactory metrics)
{
    private static readonly RejectReason[] Reasons = [.. Enum.GetValues<RejectReason>().Where(r => r != RejectReason.None)];

    private readonly Counter _received = metrics.CreateCounter("tbot_events_received_total", "Frames (WebSocket messages, REST bodies) received from a venue.", ["venue"]);
    private readonly Counter _accepted = metrics.CreateCounter("tbot_events_accepted_total", "Market events accepted by validation into the ring.", ["venue"]);
    private readonly Counter _control = metrics.CreateCounter("tbot_events_control_total", "Non-data frames received (acks, heartbeats, pongs, notices).", ["venue"]);
    private readonly Counter _rejected = metrics.CreateCounter("tbot_events_rejected_total", "Rejected input by venue and reason.", ["venue", "reason"]);
    private readonly Counter _reconnects = metrics.CreateCounter("tbot_reconnects_total", "Reconnections of a venue's connections.", ["venue"]);
    private readonly Counter _resyncs = metrics.CreateCounter("tbot_resyncs_total", "Book desyncs detected (gap, checksum mismatch, overflow, persistent cross) that triggered a resync.", ["venue"]);
    private readonly Gauge _open = metrics.CreateGauge("tbot_venue_connections_open", "Connections of a venue that are open and subscribed.", ["venue"]);
    private readonly Gauge _connections = metrics.CreateGauge("tbot_venue_connections", "Connections of a venue.", ["venue"]);

    public void Update(RunParts parts)
    {
        var pipeline = parts.MarketData.Pipeline;
        foreach (var venue in RunVenues.Of(parts.Registry))
        {
            var name = VenueNames.Name(venue);
            var stats = pipeline.Stats[(int)venue];
            _received.WithLabels(name).IncTo(stats.Frames);
            _accepted.WithLabels(name).IncTo(stats.Accepted);
            _control.WithLabels(name).IncTo(stats.Control);
            _reconnects.WithLabels(name).IncTo(stats.Reconnects);
            _resyncs.WithLabels(name).IncTo(stats.Resyncs);
            foreach (var reason in Reasons)
                _rejected.WithLabels(name, RejectReasons.Name(reason)).IncTo(pipeline.Rejects.Get(venue, reason));
            int open = 0, all = 0;
            foreach (var c in parts.MarketData.Connections)
            {
                if (c.Venue != venue) continue;
                all++;
                if (c.State == ConnectionState.Open) open++;
            }
            _open.WithLabels(name).Set(open);
            _connections.WithLabels(name).Set(all);
        }
    }
}

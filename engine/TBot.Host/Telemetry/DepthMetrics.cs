using Prometheus;
using TBot.Engine.Instruments;
using TBot.Host.Http;

namespace TBot.Host.Telemetry;

/// <summary>Ring producer waits and network bytes per venue, set from their counters at scrape time; and the
/// stage latencies (<see cref="StageLatencyMetrics"/>) when the run times them.</summary>
public sealed class DepthMetrics(IMetricFactory metrics)
{
    private readonly Counter _waitSeconds = metrics.CreateCounter("tbot_ring_producer_wait_seconds_total", "Time producers waited because the ring was full.");
    private readonly Counter _waits = metrics.CreateCounter("tbot_ring_producer_waits_total", "Claims that found the ring full and waited.");
    private readonly Counter _received = metrics.CreateCounter("tbot_network_received_bytes_total", "Payload bytes received from a venue (WebSocket messages, REST bodies).", ["venue"]);
    private readonly Counter _sent = metrics.CreateCounter("tbot_network_sent_bytes_total", "Payload bytes sent to a venue (WebSocket messages, REST requests).", ["venue"]);
    private readonly StageLatencyMetrics _latency = new(metrics);

    public void Update(RunParts parts)
    {
        var sequencer = parts.Ring.Sequencer;
        _waits.IncTo(sequencer.ProducerWaits);
        _waitSeconds.IncTo(sequencer.ProducerWaitTime.TotalSeconds);
        foreach (var venue in RunVenues.Of(parts.Registry))
        {
            var name = VenueNames.Name(venue);
            var traffic = VenueTraffic.Of(parts, venue);
            _received.WithLabels(name).IncTo(traffic.Received);
            _sent.WithLabels(name).IncTo(traffic.Sent);
        }
        if (parts.Latency is { } reader) _latency.Update(reader);
    }
}

using TBot.Engine.Instruments;
using TBot.Host.Http;

namespace TBot.Host.Telemetry;

/// <summary>Payload bytes a venue's WebSocket connections and REST clients received and sent (TLS, HTTP headers
/// and WebSocket framing not counted), summed from their counters.</summary>
public readonly record struct VenueTraffic(long Received, long Sent)
{
    public static VenueTraffic Of(RunParts parts, Venue venue)
    {
        long received = 0, sent = 0;
        foreach (var c in parts.MarketData.Connections)
        {
            if (c.Venue != venue) continue;
            received += c.Stats.BytesReceived;
            sent += c.Stats.BytesSent;
        }
        foreach (var r in parts.MarketData.RestClients)
        {
            if (r.Venue != venue) continue;
            received += r.Stats.BytesReceived;
            sent += r.Stats.BytesSent;
        }
        return new VenueTraffic(received, sent);
    }
}

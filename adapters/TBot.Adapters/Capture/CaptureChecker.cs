using Microsoft.Extensions.Logging;
using TBot.Adapters.Ingress;
using TBot.Adapters.Venues;
using TBot.Engine.Instruments;
using TBot.Engine.Validation;

namespace TBot.Adapters.Capture;

/// <summary>
/// <c>tbot check</c>: feeds a capture through the live ingress path (parser, validation, dedup, book sync),
/// using the capture's receive timestamps as the clock, and reports what was accepted, rejected and resynced.
/// Instruments are discovered from the capture itself (see <see cref="InstrumentDiscovery"/>).
/// </summary>
public static class CaptureChecker
{
    public static CheckReport Run(Venue venue, string path, ValidationOptions options, ILogger logger)
    {
        var registry = new InstrumentRegistry();
        var discovery = new InstrumentDiscovery(venue);
        using (var pre = CaptureReader.Open(path))
        {
            while (pre.TryRead(out var record)) discovery.Observe(record);
        }
        discovery.RegisterInto(registry);

        var quotes = new TopOfBookTracker(registry.Count);
        var pipeline = new IngressPipeline(registry, options, quotes, logger);
        VenueCatalog.Configure(pipeline, venue, registry);
        var rest = new RestResponseRouter(registry, pipeline);

        long read = 0;
        using var reader = CaptureReader.Open(path);
        while (reader.TryRead(out var record))
        {
            read++;
            if (record.Source == CaptureSource.Rest) rest.Route(venue, 0, record.Url, record.Data, record.ReceiveTimeNs);
            else pipeline.ProcessFrame(venue, 1, record.Data, record.ReceiveTimeNs);
            // Offline there is no connection to act on the requests; the capture itself holds any snapshots taken.
            pipeline.Actions.Clear();
        }

        var stats = pipeline.Stats[(int)venue];
        return new CheckReport
        {
            Venue = VenueNames.Name(venue),
            Input = path,
            Read = read,
            Accepted = stats.Accepted,
            Control = stats.Control,
            Rejected = pipeline.Rejects.Snapshot(venue),
            Resyncs = stats.Resyncs,
            Books = IngressReport.Books(pipeline, registry, quotes, venue),
            Instruments = registry.Count,
            BadLines = reader.BadLines,
        };
    }
}

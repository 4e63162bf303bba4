using System.Diagnostics;
using TBot.Engine.Instruments;
using TBot.Engine.Validation;
using TBot.Host.Http;

namespace TBot.Host.Telemetry;

/// <summary>Reads an <see cref="EngineSample"/> from a running engine's counters and the process (thread pool;
/// the hot path is not involved).</summary>
public static class EngineSampler
{
    private static readonly RejectReason[] Reasons = [.. Enum.GetValues<RejectReason>().Where(r => r != RejectReason.None)];

    public static EngineSample Take(RunParts parts, Process process)
    {
        var pipeline = parts.MarketData.Pipeline;
        var venues = new Dictionary<string, VenueSample>();
        foreach (var venue in RunVenues.Of(parts.Registry))
        {
            var stats = pipeline.Stats[(int)venue];
            long rejected = 0;
            foreach (var reason in Reasons) rejected += pipeline.Rejects.Get(venue, reason);
            var traffic = VenueTraffic.Of(parts, venue);
            venues[VenueNames.Name(venue)] = new VenueSample(stats.Frames, stats.Accepted, rejected, traffic.Received, traffic.Sent);
        }
        var session = parts.Session;
        var published = parts.Ring.Cursor + 1;
        var processed = session.Core.Counters.Events - session.RebuiltEvents;
        long lag = 0;
        foreach (var (_, p) in parts.Projections.Report()) lag = Math.Max(lag, p.LagEvents);
        var orders = session.Core.Orders.Counters;
        process.Refresh();
        return new EngineSample
        {
            TimeUtc = DateTime.UtcNow,
            Seconds = Stopwatch.GetTimestamp() / (double)Stopwatch.Frequency,
            Venues = venues,
            RingPublished = published,
            RingBacklog = Math.Max(0, published - processed),
            ProducerWaits = parts.Ring.Sequencer.ProducerWaits,
            ProducerWaitSeconds = parts.Ring.Sequencer.ProducerWaitTime.TotalSeconds,
            ProjectionLag = lag,
            OrdersSubmitted = orders.Submitted,
            Fills = orders.Fills,
            RiskRejections = session.Core.Risk.Counters.Rejected(),
            CpuSeconds = process.TotalProcessorTime.TotalSeconds,
            WorkingSetBytes = process.WorkingSet64,
            ManagedHeapBytes = GC.GetTotalMemory(false),
            Gen0Collections = GC.CollectionCount(0),
            Gen1Collections = GC.CollectionCount(1),
            Gen2Collections = GC.CollectionCount(2),
            AllocatedBytes = GC.GetTotalAllocatedBytes(false),
            GcPauseSeconds = GC.GetTotalPauseDuration().TotalSeconds,
        };
    }
}

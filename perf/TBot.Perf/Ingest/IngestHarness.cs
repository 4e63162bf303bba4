using System.Diagnostics;
using System.Runtime.InteropServices;
using TBot.Adapters.Ingress;
using TBot.Adapters.Venues;
using TBot.Engine.Instruments;
using TBot.Engine.Validation;

namespace TBot.Perf.Ingest;

/// <summary>
/// <c>tbot perf ingest</c>: parse + validate + dedup + book update from in-memory frames on one thread, per
/// venue and stream. Each pass replays the workload through a fresh pipeline (so ids and clocks restart
/// cleanly); only the frame loop is timed and only its allocations are counted.
/// </summary>
public static class IngestHarness
{
    public static IngestReport Run(long framesPerStream, IReadOnlyCollection<Venue>? venues, TextWriter progress)
    {
        var results = new List<IngestResult>();
        foreach (var workload in IngestFrames.All())
        {
            if (venues is { Count: > 0 } && !venues.Contains(workload.Venue)) continue;
            RunPass(workload, out _, out _, out _, out _); // warm-up: JIT and tiering
            long frames = 0, events = 0, rejected = 0, allocated = 0, ticks = 0;
            while (frames < framesPerStream)
            {
                var t = RunPass(workload, out var e, out var r, out var a, out var f);
                ticks += t;
                frames += f;
                events += e;
                rejected += r;
                allocated += a;
            }
            var seconds = (double)ticks / Stopwatch.Frequency;
            long bytes = 0;
            foreach (var f in workload.Frames) bytes += f.Length;
            var result = new IngestResult
            {
                Venue = VenueNames.Name(workload.Venue),
                Stream = workload.Stream,
                FramesPerSec = frames / seconds,
                EventsPerSec = events / seconds,
                NsPerFrame = seconds * 1e9 / frames,
                AllocatedBytesPerEvent = events == 0 ? 0 : (double)allocated / events,
                Frames = frames,
                Events = events,
                Rejected = rejected,
                AvgFrameBytes = (double)bytes / workload.Frames.Length,
            };
            progress.WriteLine($"{result.Venue,-9} {result.Stream,-11} {result.FramesPerSec / 1e6,6:F2} M frames/s  {result.NsPerFrame,7:F0} ns/frame  alloc {result.AllocatedBytesPerEvent:0.###} B/event  rejected {result.Rejected}");
            results.Add(result);
        }
        return new IngestReport
        {
            Results = results,
            Cores = Environment.ProcessorCount,
            Runtime = RuntimeInformation.FrameworkDescription,
            TimestampUtc = DateTime.UtcNow,
        };
    }

    /// <summary>One pass; returns elapsed Stopwatch ticks of the frame loop.</summary>
    private static long RunPass(IngestWorkload w, out long events, out long rejected, out long allocated, out long frames)
    {
        var sink = new CountingEventSink();
        var pipeline = new IngressPipeline(w.Registry, new ValidationOptions(), sink);
        VenueCatalog.Configure(pipeline, w.Venue, w.Registry);
        var rest = new RestResponseRouter(w.Registry, pipeline);
        if (w.Snapshot is { } snapshot)
        {
            if (w.SnapshotIsRest) rest.Route(w.Venue, 1, System.Text.Encoding.UTF8.GetBytes(w.SnapshotUrl!), snapshot, 0);
            else pipeline.ProcessFrame(w.Venue, 1, snapshot, 0);
        }
        var before = GC.GetAllocatedBytesForCurrentThread();
        var start = Stopwatch.GetTimestamp();
        var all = w.Frames;
        for (var i = 0; i < all.Length; i++)
        {
            pipeline.ProcessFrame(w.Venue, 1, all[i], 0);
            if (pipeline.Actions.Count > 0) pipeline.Actions.Clear();
        }
        var elapsed = Stopwatch.GetTimestamp() - start;
        allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        events = sink.Events;
        rejected = pipeline.Stats[(int)w.Venue].Rejected;
        frames = all.Length;
        return elapsed;
    }
}

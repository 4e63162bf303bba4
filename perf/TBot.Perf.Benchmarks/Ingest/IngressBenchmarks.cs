using BenchmarkDotNet.Attributes;
using TBot.Adapters.Ingress;
using TBot.Adapters.Venues;
using TBot.Engine.Validation;
using TBot.Perf.Ingest;

namespace TBot.Perf.Benchmarks.Ingest;

/// <summary>
/// The whole ingress step per frame: parse, validate, dedup, book sync, publish to a counting sink. The 50k-frame
/// workload is replayed in a loop; book streams re-apply their snapshot whenever the replay wraps, so update ids
/// stay continuous. (After a wrap, trade timestamps repeat and are rejected as non-monotonic: that rejection path
/// is measured too; <c>tbot perf ingest</c> uses a fresh pipeline per pass instead and reports 0 rejects.)
/// </summary>
[MemoryDiagnoser]
public class IngressBenchmarks
{
    private const int FramesPerOp = 1024;
    private IngestWorkload _w = null!;
    private IngressPipeline _pipeline = null!;
    private RestResponseRouter _rest = null!;
    private byte[] _snapshotUrl = [];

    [Params("binance/bookTicker", "binance/trade", "binance/depth", "coinbase/ticker", "coinbase/level2", "okx/books")]
    public string Stream { get; set; } = "";

    public void Setup()
    {
        _w = IngestFrames.All().Single(x => $"{TBot.Engine.Instruments.VenueNames.Name(x.Venue)}/{x.Stream}" == Stream);
        _snapshotUrl = _w.SnapshotUrl is null ? [] : System.Text.Encoding.UTF8.GetBytes(_w.SnapshotUrl);
    }

    [GlobalSetup(Target = nameof(Ingest))]
    public void Fresh()
    {
        Setup();
        _pipeline = new IngressPipeline(_w.Registry, new ValidationOptions(), new CountingEventSink());
        VenueCatalog.Configure(_pipeline, _w.Venue, _w.Registry);
        _rest = new RestResponseRouter(_w.Registry, _pipeline);
        _offset = 0;
    }

    private int _offset;

    [Benchmark(OperationsPerInvoke = FramesPerOp)]
    public long Ingest()
    {
        var frames = _w.Frames;
        for (var i = 0; i < FramesPerOp; i++)
        {
            if (_offset == 0 && _w.Snapshot is { } snapshot)
            {
                if (_w.SnapshotIsRest) _rest.Route(_w.Venue, 1, _snapshotUrl, snapshot, 0);
                else _pipeline.ProcessFrame(_w.Venue, 1, snapshot, 0);
            }
            _pipeline.ProcessFrame(_w.Venue, 1, frames[_offset], 0);
            _offset = (_offset + 1) % frames.Length;
            if (_pipeline.Actions.Count > 0) _pipeline.Actions.Clear();
        }
        return _pipeline.Stats[(int)_w.Venue].Accepted;
    }
}

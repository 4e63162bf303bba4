using BenchmarkDotNet.Attributes;
using TBot.Adapters.Ingress;
using TBot.Adapters.Venues;
using TBot.Engine.Events;
using TBot.Perf.Ingest;

namespace TBot.Perf.Benchmarks.Ingest;

/// <summary>Parse only: one frame of each venue/stream into an event batch (no validation, no book).</summary>
[MemoryDiagnoser]
public class ParserBenchmarks
{
    private const int FramesPerOp = 1024;
    private IFrameParser _parser = null!;
    private byte[][] _frames = null!;
    private readonly EventBatch _batch = new();

    [Params("binance/bookTicker", "binance/trade", "binance/depth", "coinbase/ticker", "coinbase/level2", "okx/books")]
    public string Stream { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        var w = IngestFrames.All().Single(x => $"{TBot.Engine.Instruments.VenueNames.Name(x.Venue)}/{x.Stream}" == Stream);
        _parser = VenueCatalog.CreateParser(w.Venue, w.Registry);
        _frames = w.Frames[..FramesPerOp];
    }

    [Benchmark(OperationsPerInvoke = FramesPerOp)]
    public int Parse()
    {
        var n = 0;
        foreach (var f in _frames)
        {
            _batch.Clear();
            _parser.Parse(f, 0, _batch);
            n += _batch.Count;
        }
        return n;
    }
}

using BenchmarkDotNet.Attributes;
using TBot.Engine.Events;
using TBot.Engine.Journal;

namespace TBot.Perf.Benchmarks.Journal;

/// <summary>
/// Append throughput: one op is one <see cref="JournalWriter.AppendEvent"/> (176 bytes on disk), with a
/// <see cref="JournalWriter.FlushPerPolicy"/> (per-batch flush = one write syscall, no fsync) every
/// <see cref="BatchSize"/> events, as the journal handler does at ring batch ends. Each iteration writes a
/// fresh journal in the temp folder (46 MB, no segment roll) and deletes it afterwards, so the page cache
/// is what is measured, not the disk.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(JournalBenchConfig))]
[InvocationCount(1)]
public class JournalAppendBenchmarks
{
    public const int Events = 1 << 18;

    private JournalWriter _writer = null!;
    private string _directory = "";
    private MarketEvent _event;

    /// <summary>Events per flush: 1 (every event is its own ring batch), 64, 1024.</summary>
    [Params(1, 64, 1024)]
    public int BatchSize { get; set; } = 64;

    [IterationSetup]
    public void Setup()
    {
        _directory = JournalBench.NewDirectory();
        _writer = JournalWriter.Open(new JournalOptions { Directory = _directory, FsyncPolicy = FsyncPolicy.None }, JournalBench.Manifest(), out _);
        _event = JournalBench.Quote();
    }

    [Benchmark(OperationsPerInvoke = Events)]
    public long AppendEvents()
    {
        var writer = _writer;
        var e = _event;
        var batch = BatchSize;
        for (var i = 0; i < Events; i++)
        {
            e.ReceiveTimeNs += 1000;
            e.Bid += i & 1;
            writer.AppendEvent(e);
            if ((i + 1) % batch == 0) writer.FlushPerPolicy();
        }
        writer.Flush();
        return writer.LastPosition;
    }

    [IterationCleanup]
    public void Cleanup()
    {
        if (_writer.LastPosition != Events || _writer.WrittenPosition != Events)
            throw new InvalidOperationException($"Wrote {_writer.WrittenPosition} of {Events} events.");
        _writer.Dispose();
        JournalBench.Delete(_directory);
    }
}

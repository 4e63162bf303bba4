using BenchmarkDotNet.Attributes;
using TBot.Engine.Journal;

namespace TBot.Perf.Benchmarks.Journal;

/// <summary>
/// Read throughput from a warm page cache: one op is one <see cref="JournalReader.TryRead"/> of an event record
/// (validated: length, type, position and, with <see cref="VerifyChecksums"/>, CRC32C), plus touching the event.
/// The journal (2^20 events, 185 MB over three 64 MiB segments) is written once in the global setup.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(JournalBenchConfig))]
public class JournalReadBenchmarks
{
    public const int Events = 1 << 20;

    private string _directory = "";
    private JournalReader _reader = null!;

    [Params(true, false)]
    public bool VerifyChecksums { get; set; } = true;

    [GlobalSetup]
    public void Setup()
    {
        _directory = JournalBench.NewDirectory();
        using (var writer = JournalWriter.Open(new JournalOptions { Directory = _directory, FsyncPolicy = FsyncPolicy.None }, JournalBench.Manifest(), out _))
        {
            var e = JournalBench.Quote();
            for (var i = 0; i < Events; i++)
            {
                e.ReceiveTimeNs += 1000;
                e.Bid = i;
                writer.AppendEvent(e);
            }
        }
        _reader = JournalReader.Open(_directory, verifyChecksums: VerifyChecksums);
    }

    [Benchmark(OperationsPerInvoke = Events)]
    public long ReadAll()
    {
        var reader = _reader;
        if (!reader.SeekPosition(1)) throw new InvalidOperationException("Empty journal.");
        long sum = 0, n = 0;
        while (reader.TryRead(out var r))
        {
            sum += r.Event.Bid;
            n++;
        }
        if (n != Events || sum != (long)Events * (Events - 1) / 2) throw new InvalidOperationException($"Read {n} events, sum {sum}.");
        return sum;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _reader.Dispose();
        JournalBench.Delete(_directory);
    }
}

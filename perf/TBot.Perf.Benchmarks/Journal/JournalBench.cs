using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using TBot.Engine.Events;
using TBot.Engine.Instruments;
using TBot.Engine.Journal;

namespace TBot.Perf.Benchmarks.Journal;

/// <summary>Adds events/s (Op/s) and journal MB/s columns: one op is one event record.</summary>
public sealed class JournalBenchConfig : ManualConfig
{
    public JournalBenchConfig()
    {
        AddColumn(StatisticColumn.OperationsPerSecond);
        AddColumn(new RecordThroughputColumn());
    }
}

/// <summary>MB/s of journal bytes: event records (header + payload) per op divided by the mean time per op.</summary>
public sealed class RecordThroughputColumn : IColumn
{
    public string Id => nameof(RecordThroughputColumn);
    public string ColumnName => "MB/s";
    public bool AlwaysShow => true;
    public ColumnCategory Category => ColumnCategory.Custom;
    public int PriorityInCategory => 0;
    public bool IsNumeric => true;
    public UnitType UnitType => UnitType.Dimensionless;
    public string Legend => $"Journal bytes per second ({JournalBench.EventRecordBytes}-byte event records, 1 MB = 10^6 bytes)";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var report = summary[benchmarkCase];
        if (report?.ResultStatistics is not { } stats || stats.Mean <= 0) return "-";
        return (JournalBench.EventRecordBytes / stats.Mean * 1e9 / 1e6).ToString("N0", CultureInfo.InvariantCulture);
    }

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public bool IsAvailable(Summary summary) => true;
}

/// <summary>Shared set-up of the journal suites.</summary>
public static class JournalBench
{
    public const int EventRecordBytes = JournalFormat.RecordHeaderBytes + JournalFormat.EventPayloadBytes;

    public static string NewDirectory() =>
        Path.Combine(Path.GetTempPath(), "tbot-journal-bench", Guid.NewGuid().ToString("N"));

    public static JournalManifest Manifest()
    {
        var registry = new InstrumentRegistry();
        registry.Add(Venue.Binance, "BTCUSDT", 2, 5, 1, 1);
        return JournalManifest.Create(registry.All);
    }

    /// <summary>A realistic quote event; the benchmarks vary its times and prices per op.</summary>
    public static MarketEvent Quote()
    {
        var e = default(MarketEvent);
        e.Kind = MarketEventKind.Quote;
        e.Venue = Venue.Binance;
        e.InstrumentId = 1;
        e.Bid = 6_512_345;
        e.BidSize = 123_456;
        e.Ask = 6_512_346;
        e.AskSize = 654_321;
        e.ExchangeTimeNs = 1_700_000_000_000_000_000;
        e.ReceiveTimeNs = e.ExchangeTimeNs + 1_000_000;
        return e;
    }

    public static void Delete(string directory)
    {
        try
        {
            if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // best effort
        }
    }
}

using TBot.Engine.Events;
using TBot.Engine.Instruments;
using TBot.Engine.Journal;

namespace TBot.Adapters.History;

/// <summary>
/// The one writer of a catalog day (the journal's writer.lock keeps out a second one): opens or creates the day
/// journal with its one instrument, appends accepted events (record time = the event's stamped ReceiveTimeNs,
/// non-decreasing), and on <see cref="Dispose"/> flushes, fsyncs and rewrites the manifest's <c>config.catalog</c>
/// (same journal id) with coverage, completeness, gaps and statistics.
/// </summary>
public sealed class CatalogDayWriter : IDisposable
{
    private readonly JournalWriter _journal;
    private readonly string _directory;
    private long _lastTimeNs;
    private bool _disposed;

    private CatalogDayWriter(JournalWriter journal, string directory, CatalogDayInfo info, CatalogTail tail)
    {
        _journal = journal;
        _directory = directory;
        Info = info;
        Tail = tail;
        _lastTimeNs = tail.LastTimeNs;
    }

    public string Directory => _directory;

    public CatalogDayInfo Info { get; }

    /// <summary>What the day held when opened.</summary>
    public CatalogTail Tail { get; }

    public long Appended { get; private set; }

    public long LastTimeNs => _lastTimeNs;

    /// <summary>Record time of the first event this writer appended (0 when none).</summary>
    public long FirstAppendedNs { get; private set; }

    public static CatalogDayWriter Open(string root, Instrument instrument, CatalogKind kind, DateOnly day, string source, string? interval)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        var directory = CatalogLayout.DayDirectory(root, instrument.Venue, instrument.Symbol, kind, day);
        var info = new CatalogDayInfo
        {
            Venue = VenueNames.Name(instrument.Venue),
            Symbol = instrument.Symbol,
            Kind = CatalogKinds.Name(kind),
            Day = CatalogLayout.DayName(day),
            Source = source,
            Interval = kind == CatalogKind.Klines ? interval : null,
        };
        var options = new JournalOptions { Directory = directory, FsyncPolicy = FsyncPolicy.None, FlushPolicy = FlushPolicy.PerBatch };
        // A day journal holds one instrument, always id 1 (manifest ids are 1..n), whatever id it had in the caller's registry.
        var local = new InstrumentRegistry().Add(instrument.Venue, instrument.Symbol, instrument.PriceScale, instrument.QuantityScale, instrument.TickSize, instrument.StepSize);
        var journal = JournalWriter.Open(options, JournalManifest.Create([local], info.ToConfig()), out _);
        try
        {
            var existing = CatalogDayInfo.FromConfig(journal.Manifest.Config);
            if (existing is not null)
            {
                if (existing.Kind != info.Kind || (existing.Interval ?? "") != (info.Interval ?? ""))
                    throw new InvalidOperationException($"{directory} holds {existing.Kind} {existing.Interval}, not {info.Kind} {info.Interval}.");
                info = existing; // "source" stays what created the day (the contract's values are fetch | import)
            }
            var manifestInstrument = journal.Manifest.Instruments.Single();
            if (manifestInstrument.PriceScale != instrument.PriceScale || manifestInstrument.QuantityScale != instrument.QuantityScale)
                throw new InvalidOperationException($"{directory}: instrument scales changed ({manifestInstrument.PriceScale}/{manifestInstrument.QuantityScale} → {instrument.PriceScale}/{instrument.QuantityScale}).");
            var tail = CatalogTail.Read(directory);
            return new CatalogDayWriter(journal, directory, info, tail);
        }
        catch
        {
            journal.Dispose();
            throw;
        }
    }

    /// <summary>Append an accepted event; its ReceiveTimeNs (the record time) must not go back.</summary>
    public void Append(in MarketEvent e)
    {
        if (e.ReceiveTimeNs < _lastTimeNs)
            throw new InvalidOperationException($"{_directory}: record time {e.ReceiveTimeNs} before the last one {_lastTimeNs}.");
        var copy = e;
        copy.InstrumentId = 1;
        _journal.AppendEvent(copy);
        if (Appended == 0) FirstAppendedNs = e.ReceiveTimeNs;
        _lastTimeNs = e.ReceiveTimeNs;
        Appended++;
    }

    /// <summary>Hand buffered records to the OS (cheap; a crash after it loses nothing written).</summary>
    public void Flush() => _journal.Flush();

    /// <summary>Extend coverage to [<paramref name="fromNs"/>, <paramref name="toNs"/>) and decide completeness.</summary>
    public void Cover(long fromNs, long toNs, long dayStartNs)
    {
        var from = Info.CoveredFrom is { } f ? Math.Min(CatalogDayInfo.ParseIso(f), fromNs) : fromNs;
        var to = Info.CoveredTo is { } t ? Math.Max(CatalogDayInfo.ParseIso(t), toNs) : toNs;
        Info.CoveredFrom = CatalogDayInfo.Iso(from);
        Info.CoveredTo = CatalogDayInfo.Iso(to);
        Info.Complete = from <= dayStartNs && to >= dayStartNs + CatalogLayout.DayNs;
    }

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        try
        {
            _journal.Flush();
            _journal.Fsync();
            Info.Stats["records"] = Tail.Records + Appended;
            var m = _journal.Manifest;
            new JournalManifest { JournalId = m.JournalId, CreatedUtc = m.CreatedUtc, Instruments = m.Instruments, Config = Info.ToConfig() }.Save(_directory);
        }
        finally
        {
            _journal.Dispose();
        }
    }
}

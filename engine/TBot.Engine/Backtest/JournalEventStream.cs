using System.Buffers;
using System.Runtime.CompilerServices;
using TBot.Engine.Events;
using TBot.Engine.Journal;

namespace TBot.Engine.Backtest;

/// <summary>
/// The market-data events of one journal directory within a time window, one at a time: decisions, timers, control
/// events and order reports of a recorded run are skipped (the backtest makes its own). Reads through a pooled
/// chunk buffer; the current event is copied into <see cref="Head"/> with its instrument id remapped, so nothing
/// is allocated per event.
/// </summary>
public sealed class JournalEventStream : IDisposable
{
    /// <summary>Chunk size of each open leaf (more than one maximal record, from the shared pool).</summary>
    public static readonly int BufferBytes = Math.Max(JournalFormat.MaxRecordBytes, 1 << 20);

    private readonly JournalReader _reader;
    private readonly byte[] _buffer;
    private readonly int[] _instrumentMap;
    private readonly long _toNs;
    private bool _disposed;

    /// <summary>The current event (valid after <see cref="Advance"/> returned true).</summary>
    public MarketEvent Head;

    private JournalEventStream(JournalReader reader, byte[] buffer, int[] instrumentMap, long toNs)
    {
        _reader = reader;
        _buffer = buffer;
        _instrumentMap = instrumentMap;
        _toNs = toNs;
    }

    /// <summary>Events read so far.</summary>
    public long Events { get; private set; }

    public string Directory => _reader.Directory;

    /// <summary>Open <paramref name="leaf"/> positioned at its first record at or after <paramref name="fromNs"/>.</summary>
    public static JournalEventStream Open(BacktestLeaf leaf, long fromNs, long toNs)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(BufferBytes);
        JournalReader? reader = null;
        try
        {
            reader = JournalReader.Open(leaf.Directory, buffer);
            if (fromNs > long.MinValue) reader.SeekTime(fromNs);
            return new JournalEventStream(reader, buffer, leaf.InstrumentMap, toNs);
        }
        catch
        {
            reader?.Dispose();
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }
    }

    /// <summary>Move to the next market-data event at or before the window's end; false when there is none.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Advance()
    {
        while (_reader.TryRead(out var record))
        {
            if (record.Type != JournalRecordType.Event) continue;
            ref readonly var e = ref record.Event;
            if (!IsMarketData(e.Kind)) continue;
            if (e.ReceiveTimeNs > _toNs) return false;
            var map = _instrumentMap;
            var id = (uint)e.InstrumentId < (uint)map.Length ? map[e.InstrumentId] : 0;
            if (id == 0) continue; // an instrument the backtest does not know
            Head = e;
            Head.InstrumentId = id;
            Events++;
            return true;
        }
        return false;
    }

    /// <summary>What a backtest takes from recorded data: the market, not a previous run's decisions or clock.</summary>
    public static bool IsMarketData(MarketEventKind kind) => kind is MarketEventKind.Quote or MarketEventKind.Trade or MarketEventKind.BookDelta
        or MarketEventKind.BookSnapshotLevel or MarketEventKind.Ticker or MarketEventKind.Candle or MarketEventKind.BookStatus;

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _reader.Dispose();
        ArrayPool<byte>.Shared.Return(_buffer);
    }
}

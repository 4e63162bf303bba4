using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using TBot.Engine.Events;

namespace TBot.Engine.Journal;

/// <summary>
/// One record read from a journal, viewing the reader's buffer: valid until the next call on the reader.
/// Copy <see cref="Event"/> or <see cref="Decision"/> out if it must live longer.
/// </summary>
public readonly ref struct JournalRecord
{
    private readonly ReadOnlySpan<byte> _payload;

    internal JournalRecord(JournalRecordType type, long position, long timeNs, long segment, long offset, ReadOnlySpan<byte> payload)
    {
        Type = type;
        Position = position;
        TimeNs = timeNs;
        Segment = segment;
        Offset = offset;
        _payload = payload;
    }

    public JournalRecordType Type { get; }

    /// <summary>Global record number (1, 2, ...): the checkpoint of projections.</summary>
    public long Position { get; }

    /// <summary>Engine time of the record (event receive time, decision time, note time).</summary>
    public long TimeNs { get; }

    /// <summary>Segment number the record is in.</summary>
    public long Segment { get; }

    /// <summary>File offset of the record in its segment.</summary>
    public long Offset { get; }

    /// <summary>The payload bytes (the raw struct, or the note's UTF-8 JSON).</summary>
    public ReadOnlySpan<byte> Payload => _payload;

    /// <summary>The event of an <see cref="JournalRecordType.Event"/> record, in place.</summary>
    public ref readonly MarketEvent Event
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get
        {
            if (Type != JournalRecordType.Event) ThrowWrongType(JournalRecordType.Event);
            return ref MemoryMarshal.AsRef<MarketEvent>(_payload);
        }
    }

    /// <summary>The decision of a <see cref="JournalRecordType.Decision"/> record, in place.</summary>
    public ref readonly DecisionRecord Decision
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get
        {
            if (Type != JournalRecordType.Decision) ThrowWrongType(JournalRecordType.Decision);
            return ref MemoryMarshal.AsRef<DecisionRecord>(_payload);
        }
    }

    /// <summary>The UTF-8 JSON of a <see cref="JournalRecordType.Note"/> record.</summary>
    public ReadOnlySpan<byte> NoteUtf8
    {
        get
        {
            if (Type != JournalRecordType.Note) ThrowWrongType(JournalRecordType.Note);
            return _payload;
        }
    }

    [DoesNotReturn]
    private void ThrowWrongType(JournalRecordType wanted) =>
        throw new InvalidOperationException($"Record {Position} is a {Type} record, not {wanted}.");
}

namespace TBot.Engine.Journal;

/// <summary>Why reading a segment stopped before its end. Values are stable (reported by tools).</summary>
public enum JournalDamage : byte
{
    None = 0,
    /// <summary>The file ends inside a record header (or inside the segment header).</summary>
    TruncatedHeader = 1,
    /// <summary>A plausible length field points past the end of the file: the payload was cut short.</summary>
    TruncatedPayload = 2,
    /// <summary>The record's CRC32C does not match its bytes.</summary>
    ChecksumMismatch = 3,
    /// <summary>Everything from the damage to the end of the file is zero (pre-allocated or never written pages).</summary>
    ZeroFilled = 4,
    /// <summary>A length field that no record of its type can have (beyond the maximum, or not the fixed size).</summary>
    BadLength = 5,
    /// <summary>The CRC matches but the record type is unknown (a newer writer?).</summary>
    BadType = 6,
    /// <summary>The record's position is not the one expected (a gap or a repeat).</summary>
    PositionGap = 7,
    /// <summary>The segment header is unreadable (magic, size, CRC, segment number).</summary>
    BadSegmentHeader = 8,
    /// <summary>The segment header names another journal, or a schema version this build does not read.</summary>
    ForeignSegment = 9,
}

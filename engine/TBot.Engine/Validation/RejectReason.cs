namespace TBot.Engine.Validation;

/// <summary>
/// Why an input was not accepted. Every rejection carries one; counts by venue and reason are exported as
/// metrics. Values are stable (journals and dashboards key on them); add new ones at the end.
/// </summary>
public enum RejectReason : byte
{
    None = 0,

    // 1. Schema
    /// <summary>Not valid JSON, or truncated.</summary>
    MalformedJson = 1,
    /// <summary>A required field is absent.</summary>
    MissingField = 2,
    /// <summary>A field has the wrong JSON type (number where a string is expected, …).</summary>
    WrongType = 3,
    /// <summary>A price/size string is not a decimal number or does not fit.</summary>
    BadNumber = 4,
    /// <summary>A message kind the adapter does not know (counted, never fatal).</summary>
    UnknownMessage = 5,
    /// <summary>An instrument that was not configured / interned.</summary>
    UnknownInstrument = 6,
    /// <summary>An error frame sent by the venue (e.g. Binance {"code":..}, OKX {"event":"error"}).</summary>
    VenueError = 7,

    // 2. Business rules
    /// <summary>Price is zero or negative.</summary>
    NonPositivePrice = 10,
    /// <summary>Price outside the allowed band around the reference mid.</summary>
    PriceOutOfBand = 11,
    /// <summary>Best bid at or above best ask.</summary>
    CrossedBook = 12,
    /// <summary>Negative size.</summary>
    NegativeSize = 13,
    /// <summary>Price not a multiple of the tick size (or finer than the instrument's price scale).</summary>
    TickMisaligned = 14,
    /// <summary>Size not a multiple of the step size (or finer than the instrument's quantity scale).</summary>
    StepMisaligned = 15,

    // 3. Consistency
    /// <summary>Exchange timestamp too far in the future of the receive clock.</summary>
    FutureTimestamp = 20,
    /// <summary>Exchange timestamp older than the staleness limit.</summary>
    StaleTimestamp = 21,
    /// <summary>Exchange timestamp went backwards on a stream.</summary>
    NonMonotonicTimestamp = 22,
    /// <summary>Update ids are not continuous: something was missed (triggers resync).</summary>
    SequenceGap = 23,
    /// <summary>The book checksum sent by the venue does not match the local book (triggers resync).</summary>
    ChecksumMismatch = 24,
    /// <summary>Book data while the book is not live (awaiting snapshot, stale): held back or dropped.</summary>
    BookNotLive = 25,
    /// <summary>The snapshot/diff buffer overflowed while waiting for a snapshot (triggers resync).</summary>
    BufferOverflow = 26,
    /// <summary>A fetched snapshot is older than the buffered stream and cannot be spliced: fetched again.</summary>
    SnapshotTooOld = 27,

    // 4. Duplicates
    /// <summary>Same update id or trade id seen before within the dedup window, or an update already covered by the book.</summary>
    Duplicate = 30,
}

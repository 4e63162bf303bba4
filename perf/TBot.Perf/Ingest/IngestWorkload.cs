using TBot.Engine.Instruments;

namespace TBot.Perf.Ingest;

/// <summary>
/// In-memory frames of one venue stream for the ingest benchmark: an optional snapshot frame that (re)starts
/// the book, then a sequence of frames with continuous ids. The harness replays the sequence many times,
/// re-sending the snapshot before each pass so ids stay continuous.
/// </summary>
public sealed record IngestWorkload(
    Venue Venue,
    string Stream,
    InstrumentRegistry Registry,
    byte[]? Snapshot,
    bool SnapshotIsRest,
    string? SnapshotUrl,
    byte[][] Frames);

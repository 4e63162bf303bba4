using TBot.Engine.Journal;

namespace TBot.Perf.Store;

/// <summary>A journal a benchmark wrote: where, its manifest, its last position and what writing it cost.</summary>
public sealed record WrittenJournal(string Directory, JournalManifest Manifest, long LastPosition, long Bytes, double WriteSeconds);

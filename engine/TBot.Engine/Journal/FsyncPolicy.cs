namespace TBot.Engine.Journal;

/// <summary>When the journal asks the OS to put written bytes on stable storage.</summary>
public enum FsyncPolicy : byte
{
    /// <summary>Never: the OS writes pages back when it likes. Survives a process crash, not a power cut.</summary>
    None = 0,
    /// <summary>After every flush that wrote bytes.</summary>
    EveryFlush = 1,
    /// <summary>
    /// Every <see cref="JournalOptions.FsyncIntervalMs"/>, on the writer's background thread, when bytes were written
    /// since the last fsync: the appending thread never waits for the disk. A segment is still fsynced on the
    /// appending thread when it is sealed, and at dispose.
    /// </summary>
    IntervalMs = 2,
}

namespace TBot.Engine.Journal;

/// <summary>When the journal asks the OS to put written bytes on stable storage.</summary>
public enum FsyncPolicy : byte
{
    /// <summary>Never: the OS writes pages back when it likes. Survives a process crash, not a power cut.</summary>
    None = 0,
    /// <summary>After every flush that wrote bytes.</summary>
    EveryFlush = 1,
    /// <summary>At a flush once <see cref="JournalOptions.FsyncIntervalMs"/> have passed since the last fsync.</summary>
    IntervalMs = 2,
}

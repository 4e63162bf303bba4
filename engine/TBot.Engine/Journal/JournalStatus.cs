namespace TBot.Engine.Journal;

/// <summary>Health of a journal as <see cref="JournalInspector"/> sees it.</summary>
public enum JournalStatus : byte
{
    /// <summary>Every record reads back; the last segment ends on a record boundary.</summary>
    Clean = 0,
    /// <summary>The last segment ends in a partial or damaged record (a crash, or a writer still appending);
    /// the writer repairs it on its next open.</summary>
    TornTail = 1,
    /// <summary>Damage the writer will not repair (sealed segment, missing segment, unreadable manifest).</summary>
    Corrupt = 2,
}

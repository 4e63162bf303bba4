namespace TBot.Engine.Journal;

/// <summary>What a journal record carries. Values are stable: they are written into journals.</summary>
public enum JournalRecordType : byte
{
    None = 0,
    /// <summary>The raw bytes of one ring <see cref="Events.MarketEvent"/> (timers and order reports included).</summary>
    Event = 1,
    /// <summary>The raw bytes of one <see cref="DecisionRecord"/>.</summary>
    Decision = 2,
    /// <summary>UTF-8 JSON text: rare control or metadata records.</summary>
    Note = 3,
}

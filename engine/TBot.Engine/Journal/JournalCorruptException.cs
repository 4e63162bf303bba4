namespace TBot.Engine.Journal;

/// <summary>
/// Damage the journal must not repair silently: inside a sealed (non-last) segment, a missing segment, a
/// segment of another journal. The operator decides what to do; the bytes are left as they are.
/// </summary>
public sealed class JournalCorruptException : IOException
{
    public JournalCorruptException(string message, long segment, long offset, JournalDamage damage)
        : base($"{message} (segment {segment}, offset {offset}: {damage})")
    {
        Segment = segment;
        Offset = offset;
        Damage = damage;
    }

    public long Segment { get; }

    public long Offset { get; }

    public JournalDamage Damage { get; }
}

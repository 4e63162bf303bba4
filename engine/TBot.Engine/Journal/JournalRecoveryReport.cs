using System.Globalization;
using System.Text;

namespace TBot.Engine.Journal;

/// <summary>What <see cref="JournalWriter.Open"/> found: a new journal, a clean reopen, a repaired torn tail
/// (bytes dropped after the last good record), and any damage in sealed segments (reported, never repaired).</summary>
public sealed class JournalRecoveryReport
{
    /// <summary>True when the journal was created by this open.</summary>
    public bool Created { get; init; }

    public required string JournalId { get; init; }

    /// <summary>Segment files after recovery.</summary>
    public int Segments { get; init; }

    /// <summary>The last (open) segment.</summary>
    public long TailSegment { get; init; }

    /// <summary>Position of the last intact record (0 when the journal holds none).</summary>
    public long LastGoodPosition { get; init; }

    /// <summary>Why the tail was cut; <see cref="JournalDamage.None"/> for a clean tail.</summary>
    public JournalDamage TailDamage { get; init; }

    /// <summary>File offset in the tail segment where the damage started (the file's new length).</summary>
    public long TruncatedAtOffset { get; init; }

    /// <summary>Bytes removed from the tail segment.</summary>
    public long BytesDropped { get; init; }

    /// <summary>Problems in sealed segments (or missing segments). Left as they are; replay will stop there.</summary>
    public IReadOnlyList<string> Errors { get; init; } = [];

    public bool TailRepaired => TailDamage != JournalDamage.None;

    public bool HasErrors => Errors.Count > 0;

    public override string ToString()
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"journal {JournalId}: {(Created ? "created" : "reopened")}, {Segments} segment(s), last position {LastGoodPosition}");
        if (TailRepaired)
            sb.Append(CultureInfo.InvariantCulture, $"; torn tail in segment {TailSegment} ({TailDamage}): truncated at offset {TruncatedAtOffset}, {BytesDropped} bytes dropped");
        foreach (var e in Errors) sb.Append("; ERROR ").Append(e);
        return sb.ToString();
    }
}

using System.Globalization;
using System.Text;

namespace TBot.Engine.Journal;

/// <summary>What a journal holds (for <c>tbot journal info</c>): segments, records by type, position and time
/// ranges, size, and whether it reads back cleanly.</summary>
public sealed class JournalSummary
{
    public required string Directory { get; init; }
    public string? JournalId { get; init; }
    public int SchemaVersion { get; init; }
    public DateTime? CreatedUtc { get; init; }
    public int Instruments { get; init; }
    public IReadOnlyList<JournalSegmentSummary> Segments { get; init; } = [];
    public long Events { get; init; }
    public long Decisions { get; init; }
    public long Notes { get; init; }
    public long Records => Events + Decisions + Notes;
    /// <summary>0 when the journal holds no record.</summary>
    public long FirstPosition { get; init; }
    public long LastPosition { get; init; }
    public long FirstTimeNs { get; init; }
    public long LastTimeNs { get; init; }
    /// <summary>Bytes of all segment files.</summary>
    public long Bytes { get; init; }
    public JournalStatus Status { get; init; }
    public JournalDamage TailDamage { get; init; }
    public long TailSegment { get; init; }
    /// <summary>Bytes after the last good record of the tail segment (what the writer would drop).</summary>
    public long TailBytes { get; init; }
    /// <summary>Why the journal is <see cref="JournalStatus.Corrupt"/>.</summary>
    public string? Error { get; init; }

    public override string ToString()
    {
        var c = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.Append(c, $"journal {JournalId ?? "?"} (schema {SchemaVersion}) at {Directory}").AppendLine();
        if (CreatedUtc is { } created) sb.Append(c, $"  created      {created:yyyy-MM-dd HH:mm:ss}Z, {Instruments} instrument(s)").AppendLine();
        sb.Append(c, $"  status       {Status}");
        if (Status == JournalStatus.TornTail) sb.Append(c, $" ({TailDamage} in segment {TailSegment}, {TailBytes} bytes after the last good record)");
        if (Error is not null) sb.Append(c, $": {Error}");
        sb.AppendLine();
        sb.Append(c, $"  segments     {Segments.Count}, {Bytes} bytes").AppendLine();
        sb.Append(c, $"  records      {Records} ({Events} events, {Decisions} decisions, {Notes} notes)").AppendLine();
        if (Records > 0)
        {
            sb.Append(c, $"  positions    {FirstPosition}..{LastPosition}").AppendLine();
            sb.Append(c, $"  time         {FormatNs(FirstTimeNs)} .. {FormatNs(LastTimeNs)}").AppendLine();
        }
        foreach (var s in Segments)
            sb.Append(c, $"  seg {s.Number,6}  positions {s.FirstPosition}..{s.LastPosition}  {s.Records} records  {s.Bytes} bytes").AppendLine();
        return sb.ToString();
    }

    private static string FormatNs(long ns) =>
        ns > 0 // Unix ns: a long ends in 2262, well inside DateTime
            ? DateTime.UnixEpoch.AddTicks(ns / 100).ToString("yyyy-MM-dd HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture)
            : ns.ToString(CultureInfo.InvariantCulture);
}

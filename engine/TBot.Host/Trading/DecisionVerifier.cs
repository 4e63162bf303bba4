using TBot.Engine.Journal;

namespace TBot.Host.Trading;

/// <summary>
/// Checks, decision by decision, that a replay decides exactly what the journal says the run decided: a second
/// reader walks the journal's decision records while the replaying core appends its own, and every field but the
/// ring sequence (rings restart at 0 on each run) must match. Runs on the trading thread without allocating,
/// except to describe the first mismatch. Used by <c>tbot replay</c>, and by a restart's rebuild, which keeps
/// the decisions a crash tore off the journal's tail (<see cref="Unjournaled"/>) to write them back.
/// </summary>
public sealed class DecisionVerifier : IDecisionLog, IDisposable
{
    private readonly JournalReader _reader;
    private readonly bool _keepExtra;

    public DecisionVerifier(string directory, bool keepExtra = false)
    {
        _reader = JournalReader.Open(directory);
        _keepExtra = keepExtra;
    }

    /// <summary>Decisions made after the journal's last one, kept when asked (a rebuild after a torn tail).</summary>
    public List<DecisionRecord> Unjournaled { get; } = [];

    /// <summary>Replay decisions equal to the journal's.</summary>
    public long Verified { get; private set; }

    public long Mismatches { get; private set; }

    /// <summary>Replay decisions the journal does not have (it ended first).</summary>
    public long Extra { get; private set; }

    public string? FirstMismatch { get; private set; }

    public void Append(in DecisionRecord record)
    {
        if (!NextJournaled(out var journaled))
        {
            Extra++;
            if (_keepExtra) Unjournaled.Add(record);
            else FirstMismatch ??= $"replay decided {Describe(record)} after the journal's last decision";
            return;
        }
        var a = journaled;
        var b = record;
        a.Sequence = 0;
        b.Sequence = 0;
        if (System.Runtime.InteropServices.MemoryMarshal.AsBytes(new ReadOnlySpan<DecisionRecord>(in a))
            .SequenceEqual(System.Runtime.InteropServices.MemoryMarshal.AsBytes(new ReadOnlySpan<DecisionRecord>(in b))))
        {
            Verified++;
            return;
        }
        Mismatches++;
        FirstMismatch ??= $"decision {Verified + Mismatches}: journal {Describe(journaled)}, replay {Describe(record)}";
    }

    /// <summary>Journaled decisions the replay never made (call after the replay finished).</summary>
    public long Missing()
    {
        long n = 0;
        while (NextJournaled(out _)) n++;
        return n;
    }

    private bool NextJournaled(out DecisionRecord decision)
    {
        while (_reader.TryRead(out var r))
        {
            if (r.Type != JournalRecordType.Decision) continue;
            decision = r.Decision;
            return true;
        }
        decision = default;
        return false;
    }

    private static string Describe(in DecisionRecord d) =>
        $"{d.Kind} bot {d.BotId} instrument {d.InstrumentId} order {d.ClientOrderId} {d.FromStatus}->{d.ToStatus} price {d.Price} qty {d.Quantity} reason {d.Reason} at {d.TimeNs}";

    public void Dispose() => _reader.Dispose();
}

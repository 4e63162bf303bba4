using TBot.Engine.Events;
using TBot.Engine.Validation;

namespace TBot.Adapters.History;

/// <summary>One REST page parsed: its events (in the order received) and the rows rejected while parsing, by reason.</summary>
public sealed class HistoryPage
{
    public EventBatch Events { get; } = new(1024);

    /// <summary>Rows dropped by the parser (bad_number, tick_misaligned, missing_field, ...), indexed by reason.</summary>
    public long[] Rejected { get; } = new long[RejectReasons.Count];

    /// <summary>Rows the page carried: events plus rejected rows (a full page means there may be more).</summary>
    public long Rows
    {
        get
        {
            long n = Events.Count;
            foreach (var r in Rejected) n += r;
            return n;
        }
    }

    public void Clear()
    {
        Events.Clear();
        Array.Clear(Rejected);
    }

    public void Reject(RejectReason reason) => Rejected[(int)reason]++;
}

namespace TBot.Persistence.Postgres.Warm;

/// <summary>Rows collected from a run of journal records, collapsed to one row per key (a multi-row upsert
/// may not touch the same row twice), plus the journal range they came from.</summary>
public sealed class WarmBatch
{
    public Dictionary<long, OrderRow> Orders { get; } = [];
    public List<TradeRow> Trades { get; } = [];
    /// <summary>Every order decision, in journal order (history, append-only).</summary>
    public List<OrderHistoryRow> OrderHistory { get; } = [];
    public Dictionary<(int BotId, int InstrumentId), PositionRow> Positions { get; } = [];
    /// <summary>Bots seen in the batch, with the time of their first decision in it (their row's creation time, so
    /// the row depends on the journal only, not on when the projection ran).</summary>
    public SortedDictionary<int, DateTime> Bots { get; } = [];
    /// <summary>The manifest's bot definitions (strategies rows); set on the first batch a builder makes.</summary>
    public IReadOnlyList<BotDefinition> Definitions { get; internal set; } = [];
    /// <summary>When the journal was created: the defined bots' creation time.</summary>
    public DateTime DefinedUtc { get; internal set; }
    /// <summary>Latest status per bot from control / kill-switch decisions in the batch.</summary>
    public Dictionary<int, BotStatusRow> Statuses { get; } = [];
    public long FirstPosition { get; private set; }
    public long LastPosition { get; private set; }
    public long Records { get; private set; }
    public long Decisions { get; internal set; }

    public bool IsEmpty => Records == 0 && Definitions.Count == 0;

    internal void Saw(long position)
    {
        if (Records == 0) FirstPosition = position;
        LastPosition = position;
        Records++;
    }
}

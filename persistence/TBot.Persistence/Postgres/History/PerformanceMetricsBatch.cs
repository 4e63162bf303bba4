namespace TBot.Persistence.Postgres.History;

/// <summary>The metric contributions of a run of journal records, in journal order, plus its journal range.</summary>
public sealed class PerformanceMetricsBatch
{
    private readonly List<MetricContribution> _contributions = [];

    public IReadOnlyList<MetricContribution> Contributions => _contributions;

    public long FirstPosition { get; private set; }
    public long LastPosition { get; private set; }
    public long Records { get; private set; }
    public long Decisions { get; internal set; }

    public bool IsEmpty => Records == 0;

    public void Saw(long position)
    {
        if (Records == 0) FirstPosition = position;
        LastPosition = position;
        Records++;
    }

    internal void Add(in MetricContribution contribution) => _contributions.Add(contribution);

    public void Clear()
    {
        _contributions.Clear();
        FirstPosition = LastPosition = Records = Decisions = 0;
    }
}

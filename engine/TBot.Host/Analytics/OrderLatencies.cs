namespace TBot.Host.Analytics;

/// <summary>One bot's order latencies, engine time: submit decision → accepted, submit → first fill, cancel request →
/// cancelled.</summary>
internal sealed class OrderLatencies
{
    public LatencyHistogram SubmitToAccepted { get; } = new();
    public LatencyHistogram SubmitToFirstFill { get; } = new();
    public LatencyHistogram CancelToCancelled { get; } = new();

    public void Add(OrderLatencies o)
    {
        SubmitToAccepted.Add(o.SubmitToAccepted);
        SubmitToFirstFill.Add(o.SubmitToFirstFill);
        CancelToCancelled.Add(o.CancelToCancelled);
    }
}

namespace TBot.Host.Analytics;

/// <summary>Outcomes of the orders submitted in the window (as of the window's end), quantities as mantissas.</summary>
internal sealed class FillCounts
{
    public long Submitted, WithFill, FullyFilled, Cancelled, Rejected, Expired, SubmittedQuantity, FilledQuantity;

    public void Add(FillCounts o)
    {
        Submitted += o.Submitted;
        WithFill += o.WithFill;
        FullyFilled += o.FullyFilled;
        Cancelled += o.Cancelled;
        Rejected += o.Rejected;
        Expired += o.Expired;
        SubmittedQuantity += o.SubmittedQuantity;
        FilledQuantity += o.FilledQuantity;
    }
}

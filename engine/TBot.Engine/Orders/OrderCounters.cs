namespace TBot.Engine.Orders;

/// <summary>Order manager counts, written by the trading thread and readable from others (metrics).</summary>
public sealed class OrderCounters
{
    private readonly long[] _byStatus = new long[8];
    private readonly long[] _ignored = new long[8];
    private long _submitted, _fills, _cancelRequests, _tableFull;

    public long Submitted => Volatile.Read(ref _submitted);
    public long Fills => Volatile.Read(ref _fills);
    public long CancelRequests => Volatile.Read(ref _cancelRequests);
    /// <summary>Submissions refused because the order table was full of open orders.</summary>
    public long TableFull => Volatile.Read(ref _tableFull);

    /// <summary>Transitions into <paramref name="status"/>.</summary>
    public long EnteredStatus(OrderStatus status) => Volatile.Read(ref _byStatus[(int)status]);

    public long Ignored(ReportIgnoredReason reason) => Volatile.Read(ref _ignored[(int)reason]);

    public long IgnoredTotal
    {
        get
        {
            long t = 0;
            for (var i = 1; i < _ignored.Length; i++) t += Volatile.Read(ref _ignored[i]);
            return t;
        }
    }

    internal void OnSubmitted() => Volatile.Write(ref _submitted, _submitted + 1);
    internal void OnFill() => Volatile.Write(ref _fills, _fills + 1);
    internal void OnCancelRequest() => Volatile.Write(ref _cancelRequests, _cancelRequests + 1);
    internal void OnTableFull() => Volatile.Write(ref _tableFull, _tableFull + 1);
    internal void OnStatus(OrderStatus s) => Volatile.Write(ref _byStatus[(int)s], _byStatus[(int)s] + 1);
    internal void OnIgnored(ReportIgnoredReason r) => Volatile.Write(ref _ignored[(int)r], _ignored[(int)r] + 1);
}

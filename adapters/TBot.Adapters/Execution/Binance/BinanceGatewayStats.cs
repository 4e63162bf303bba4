namespace TBot.Adapters.Execution.Binance;

/// <summary>Counters of a <see cref="BinanceLiveGateway"/> (thread-safe reads).</summary>
public sealed class BinanceGatewayStats
{
    private long _queued, _queueFull, _gateWaits, _heldByGate, _sent, _acked, _rejected, _errors, _lost, _lostResolved, _polls, _fills,
        _cancelsSent, _cancelled, _cancelUnknown, _feesInOtherAsset, _duplicateSubmits, _rateLimited;
    private long _latencyCount, _latencyTotalNs, _latencyMaxNs, _latencyLastNs;

    /// <summary>Submit/Cancel commands taken from the trading thread.</summary>
    public long Queued => Volatile.Read(ref _queued);

    /// <summary>Commands refused because the queue was full (the order was reported rejected).</summary>
    public long QueueFull => Volatile.Read(ref _queueFull);

    /// <summary>Times the dispatcher waited for the journal to pass a command's sequence (write-ahead).</summary>
    public long GateWaits => Volatile.Read(ref _gateWaits);

    /// <summary>1 while the next command is held back by the write-ahead gate.</summary>
    public bool HeldByGate => Volatile.Read(ref _heldByGate) != 0;

    /// <summary>New-order POSTs sent.</summary>
    public long Sent => Volatile.Read(ref _sent);

    /// <summary>New orders the venue confirmed (HTTP 200), directly or through a later query.</summary>
    public long Acked => Volatile.Read(ref _acked);

    /// <summary>Orders reported rejected (venue error code, gateway check, or never placed).</summary>
    public long Rejected => Volatile.Read(ref _rejected);

    /// <summary>Failed calls other than rejections (transport errors, unreadable answers, failed polls).</summary>
    public long Errors => Volatile.Read(ref _errors);

    /// <summary>New-order POSTs whose outcome was unknown (no answer, 5xx, -1007).</summary>
    public long LostResponses => Volatile.Read(ref _lost);

    /// <summary>Lost responses settled by querying the venue.</summary>
    public long LostResolved => Volatile.Read(ref _lostResolved);

    /// <summary>Status requests made for open orders (openOrders lists and single-order queries).</summary>
    public long Polls => Volatile.Read(ref _polls);

    /// <summary>Fill reports published.</summary>
    public long Fills => Volatile.Read(ref _fills);

    public long CancelsSent => Volatile.Read(ref _cancelsSent);

    /// <summary>Cancelled reports published.</summary>
    public long Cancelled => Volatile.Read(ref _cancelled);

    /// <summary>Cancels the venue answered with -2011 (already gone): no report, the poll settles the order.</summary>
    public long CancelUnknown => Volatile.Read(ref _cancelUnknown);

    /// <summary>Fills whose commission was charged in an asset other than the quote (reported with fee 0).</summary>
    public long FeesInOtherAsset => Volatile.Read(ref _feesInOtherAsset);

    /// <summary>Submits for a client order id the gateway already sent (ignored: never two POSTs with one id).</summary>
    public long DuplicateSubmits => Volatile.Read(ref _duplicateSubmits);

    /// <summary>HTTP 429/418 answers to the gateway's calls.</summary>
    public long RateLimited => Volatile.Read(ref _rateLimited);

    /// <summary>New-order round trips timed (POST sent → answer read).</summary>
    public long LatencyCount => Volatile.Read(ref _latencyCount);

    public TimeSpan LatencyMean => LatencyCount == 0 ? TimeSpan.Zero : TimeSpan.FromTicks(Volatile.Read(ref _latencyTotalNs) / LatencyCount / 100);

    public TimeSpan LatencyMax => TimeSpan.FromTicks(Volatile.Read(ref _latencyMaxNs) / 100);

    public TimeSpan LatencyLast => TimeSpan.FromTicks(Volatile.Read(ref _latencyLastNs) / 100);

    internal void AddQueued() => Interlocked.Increment(ref _queued);
    internal void AddQueueFull() => Interlocked.Increment(ref _queueFull);
    internal void AddGateWait() => Interlocked.Increment(ref _gateWaits);
    internal void SetHeldByGate(bool held) => Volatile.Write(ref _heldByGate, held ? 1 : 0);
    internal void AddSent() => Interlocked.Increment(ref _sent);
    internal void AddAcked() => Interlocked.Increment(ref _acked);
    internal void AddRejected() => Interlocked.Increment(ref _rejected);
    internal void AddError() => Interlocked.Increment(ref _errors);
    internal void AddLost() => Interlocked.Increment(ref _lost);
    internal void AddLostResolved() => Interlocked.Increment(ref _lostResolved);
    internal void AddPoll() => Interlocked.Increment(ref _polls);
    internal void AddFill() => Interlocked.Increment(ref _fills);
    internal void AddCancelSent() => Interlocked.Increment(ref _cancelsSent);
    internal void AddCancelled() => Interlocked.Increment(ref _cancelled);
    internal void AddCancelUnknown() => Interlocked.Increment(ref _cancelUnknown);
    internal void AddFeeInOtherAsset() => Interlocked.Increment(ref _feesInOtherAsset);
    internal void AddDuplicateSubmit() => Interlocked.Increment(ref _duplicateSubmits);
    internal void AddRateLimited() => Interlocked.Increment(ref _rateLimited);

    internal void AddLatency(long ns)
    {
        Interlocked.Increment(ref _latencyCount);
        Interlocked.Add(ref _latencyTotalNs, ns);
        Volatile.Write(ref _latencyLastNs, ns);
        var max = Volatile.Read(ref _latencyMaxNs);
        while (ns > max)
        {
            var seen = Interlocked.CompareExchange(ref _latencyMaxNs, ns, max);
            if (seen == max) break;
            max = seen;
        }
    }

    public override string ToString() =>
        $"queued={Queued} sent={Sent} acked={Acked} rejected={Rejected} errors={Errors} lost={LostResponses} lostResolved={LostResolved} " +
        $"polls={Polls} fills={Fills} cancelled={Cancelled} latencyMean={LatencyMean.TotalMilliseconds:F2}ms latencyMax={LatencyMax.TotalMilliseconds:F2}ms";
}

using System.Diagnostics;
using HdrHistogram;
using TBot.Engine.Events;
using TBot.Engine.Orders;

namespace TBot.Perf.Pipeline;

/// <summary>Wraps the paper gateway: each submission records frame-arrival → order-out time (tick-to-intent).</summary>
public sealed class LatencyProbeGateway(IExecutionGateway inner, StampedRingSink stamps) : IExecutionGateway
{
    public LongHistogram Histogram { get; } = new(10_000_000_000L, 3);

    public bool Recording { get; set; }

    public bool ReportsViaRing => inner.ReportsViaRing;

    public void Submit(in Order order, long sequence, IExecutionReportSink reports)
    {
        if (Recording)
        {
            var ticks = Stopwatch.GetTimestamp() - stamps.StampOf(sequence);
            Histogram.RecordValue(ticks * 1_000_000_000 / Stopwatch.Frequency);
        }
        inner.Submit(in order, sequence, reports);
    }

    public void Cancel(in Order order, long sequence, IExecutionReportSink reports) => inner.Cancel(in order, sequence, reports);

    public void OnMarketEvent(in MarketEvent e, long nowNs, IExecutionReportSink reports) => inner.OnMarketEvent(in e, nowNs, reports);
}

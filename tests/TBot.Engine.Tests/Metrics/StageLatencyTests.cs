using HdrHistogram;
using TBot.Engine.Metrics;

namespace TBot.Engine.Tests.Metrics;

public class StageLatencyTests
{
    [Fact]
    public void Recording_a_million_latencies_allocates_nothing_on_the_writing_thread()
    {
        var latencies = new StageLatencies(1024);
        var queue = latencies[LatencyStage.Queue];
        var fsync = latencies[LatencyStage.Fsync];
        var receive = (DateTime.UtcNow.Ticks - DateTime.UnixEpoch.Ticks) * 100;
        // Warm-up: JIT and the first touch of the counts arrays.
        queue.Record(1);
        fsync.Record(1);
        latencies.OnPublishing(0, 0, receive);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1_000_000; i++)
        {
            queue.Record(i * 37L % 5_000_000);
            queue.RecordTicks(i % 9_000);
            fsync.Record(i);
            latencies.OnPublishing(i, i + 2, receive);
        }
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.Equal(2_000_001, queue.TakeInterval().TotalCount);
        Assert.Equal(1_000_001, latencies[LatencyStage.Ingress].TakeInterval().TotalCount);
    }

    [Fact]
    public void An_interval_holds_what_was_recorded_since_the_previous_take()
    {
        var recorder = new LatencyRecorder();
        for (var us = 1; us <= 1000; us++) recorder.Record(us * 1000L);

        var interval = recorder.TakeInterval();
        Assert.Equal(1000, interval.TotalCount);
        Assert.InRange(interval.GetValueAtPercentile(50), 499_500, 500_500);   // 3 significant digits
        Assert.InRange(interval.GetValueAtPercentile(99), 989_000, 991_000);
        Assert.InRange(interval.GetMaxValue(), 999_000, 1_001_000);

        recorder.Record(42);
        var next = recorder.TakeInterval();
        Assert.Equal(1, next.TotalCount);
        Assert.Equal(42, next.GetMaxValue());
        Assert.Equal(0, recorder.TakeInterval().TotalCount);
    }

    [Fact]
    public void Negative_and_huge_values_are_clamped_not_thrown()
    {
        var recorder = new LatencyRecorder();
        recorder.Record(-5);                       // a wall-clock step back
        recorder.Record(LatencyRecorder.HighestNs * 10);

        var interval = recorder.TakeInterval();
        Assert.Equal(2, interval.TotalCount);
        Assert.Equal(0, interval.GetValueAtPercentile(1));
        Assert.True(interval.GetMaxValue() >= LatencyRecorder.HighestNs);
    }

    [Fact]
    public void Slot_stamps_are_read_by_the_trading_side_and_cleared_by_the_journal_side()
    {
        var latencies = new StageLatencies(8);
        latencies.OnPublishing(12, 14, receiveTimeNs: 0);

        Assert.NotEqual(0, latencies.PublishedAt(13));
        Assert.NotEqual(0, latencies.PublishedAt(13 + 8)); // same slot, next lap
        Assert.Equal(0, latencies.PublishedAt(15));
        Assert.Equal(0, latencies[LatencyStage.Ingress].TakeInterval().TotalCount); // no receive time: not recorded
        var stamp = latencies.TakePublishedAt(13);
        Assert.NotEqual(0, stamp);
        Assert.Equal(0, latencies.PublishedAt(13));
        Assert.NotEqual(0, latencies.PublishedAt(14));
    }

    [Fact]
    public void The_ring_size_must_be_a_power_of_two()
    {
        Assert.Throws<ArgumentException>(() => new StageLatencies(1000));
    }
}

namespace TBot.Perf.Ring;

/// <summary>
/// Whether producer and consumer really ran at the same time. When the two threads take turns on one core,
/// the consumer finds the whole ring full on each turn: its average batch approaches the ring size, and the
/// throughput measures publish/scan cost rather than a hand-off between cores.
/// </summary>
public static class Regime
{
    public const string Concurrent = "concurrent";
    public const string Mixed = "mixed";
    public const string TimeSliced = "time-sliced";

    /// <summary>
    /// Average batch below 1/64 of the ring: both threads ran at the same time, handing events over across cores.
    /// At or above half the ring: the threads were taking turns. In between ("mixed"): either the consumer was the
    /// bottleneck (the ring stays full, so each wake-up finds a large batch) or part of the run was time-sliced;
    /// the figure is real throughput but not a pure cross-core hand-off.
    /// </summary>
    public static string Classify(double averageBatch, int ringSize) =>
        averageBatch >= ringSize / 2.0 ? TimeSliced : averageBatch >= ringSize / 64.0 ? Mixed : Concurrent;
}

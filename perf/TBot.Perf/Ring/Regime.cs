namespace TBot.Perf.Ring;

/// <summary>
/// Whether producer and consumer really ran at the same time. When the two threads take turns on one core,
/// the consumer finds the whole ring full on each turn: its average batch approaches the ring size, and the
/// throughput measures publish/scan cost rather than a hand-off between cores.
/// </summary>
public static class Regime
{
    public const string Concurrent = "concurrent";
    public const string TimeSliced = "time-sliced";

    /// <summary>Average batch at or above a quarter of the ring means the threads were taking turns.</summary>
    public static string Classify(double averageBatch, int ringSize) =>
        averageBatch >= ringSize / 4.0 ? TimeSliced : Concurrent;
}

namespace TBot.Perf.Ring;

/// <summary>One measured run of a throughput scenario.</summary>
public readonly record struct ScenarioResult(long Events, double Seconds, double AverageBatch, long ProducerAllocatedBytes, long ConsumerAllocatedBytes, long Checksum)
{
    public double EventsPerSecond => Seconds > 0 ? Events / Seconds : 0;
}

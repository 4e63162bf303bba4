using System.Globalization;
using System.Text;

namespace TBot.Perf.Ring;

/// <summary>Renders a <see cref="RingPerfReport"/> as the table <c>tbot perf ring</c> prints.</summary>
public static class RingPerfTable
{
    public static string Render(RingPerfReport r)
    {
        var c = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.AppendLine(c, $"tbot perf ring: {r.Events:N0} events x {r.Runs} runs (median), ring {r.RingSize:N0}, wait {r.WaitStrategy}, {r.Cores} cores{(r.Pinned ? ", pinned" : "")}, {r.Runtime}");
        sb.AppendLine("| scenario              |    M events/s | avg batch | regime      |");
        sb.AppendLine("|-----------------------|--------------:|----------:|-------------|");
        sb.AppendLine(c, $"| ring 1P1C             | {r.Ring1P1CEps / 1e6,13:F1} | {r.Ring1P1CAvgBatch,9:F1} | {r.Ring1P1CRegime,-11} |");
        var pipelineLabel = r.RingPipeline3Fused ? "ring pipeline3 fused" : "ring pipeline3";
        sb.AppendLine(c, $"| {pipelineLabel,-21} | {r.RingPipeline3Eps / 1e6,13:F1} | {r.RingPipeline3AvgBatch,9:F1} | {r.RingPipeline3Regime,-11} |");
        sb.AppendLine(c, $"| Channel<long> 1P1C    | {r.Channels1P1CEps / 1e6,13:F1} |         - | -           |");
        sb.AppendLine();
        sb.AppendLine(c, $"ring 1P1C / channel: {r.RingVsChannels:F2}x");
        sb.AppendLine(c, $"ping-pong round trip ({r.LatencyNs.Count:N0}): p50 {r.LatencyNs.P50:N0} ns, p99 {r.LatencyNs.P99:N0} ns, p99.9 {r.LatencyNs.P999:N0} ns, max {r.LatencyNs.Max:N0} ns, mean {r.LatencyNs.Mean:N0} ns");
        sb.AppendLine(c, $"allocated bytes per event (ring producer + consumer threads): {r.AllocatedBytesPerEvent:0.######}");
        if (r.Ring1P1CRegime == Regime.TimeSliced || r.RingPipeline3Regime == Regime.TimeSliced)
            sb.AppendLine("WARNING: an average batch near the ring size means the threads took turns on the CPU; that throughput is not a cross-core hand-off.");
        else if (r.Ring1P1CRegime == Regime.Mixed || r.RingPipeline3Regime == Regime.Mixed)
            sb.AppendLine("note: 'mixed' = large batches (>= 1/64 of the ring): a consumer-bound run or partial time-slicing; see samples in the JSON.");
        foreach (var check in r.Checks) sb.AppendLine(c, $"CHECK FAILED: {check}");
        return sb.ToString();
    }
}

using System.Diagnostics;
using System.Threading.Channels;

namespace TBot.Perf.Ring;

/// <summary>The baseline: a bounded <see cref="Channel{T}"/> of longs, one writer, one reader, summing the same values.</summary>
public static class ChannelScenario
{
    public static ScenarioResult Run(RingPerfOptions options, long events)
    {
        var channel = Channel.CreateBounded<long>(new BoundedChannelOptions(options.RingSize)
        {
            SingleReader = true,
            SingleWriter = true,
            FullMode = BoundedChannelFullMode.Wait,
            AllowSynchronousContinuations = false,
        });
        var reader = Task.Run(async () =>
        {
            long sum = 0;
            while (await channel.Reader.WaitToReadAsync().ConfigureAwait(false))
            {
                while (channel.Reader.TryRead(out var v)) sum += v;
            }
            return (sum, Stopwatch.GetTimestamp());
        });
        var start = Stopwatch.GetTimestamp();
        var writer = Task.Run(async () =>
        {
            var w = channel.Writer;
            for (long i = 0; i < events; i++)
            {
                while (!w.TryWrite(i))
                {
                    if (!await w.WaitToWriteAsync().ConfigureAwait(false)) return;
                }
            }
            w.Complete();
        });
        writer.GetAwaiter().GetResult();
        var (sum, end) = reader.GetAwaiter().GetResult();
        // Batch size has no equivalent for a channel: reported as 0.
        return new ScenarioResult(events, Stopwatch.GetElapsedTime(start, end).TotalSeconds, 0, 0, 0, sum);
    }
}

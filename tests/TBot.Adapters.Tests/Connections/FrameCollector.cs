using System.Text;
using TBot.Adapters.Connections;

namespace TBot.Adapters.Tests.Connections;

/// <summary>Plays the ingress thread in connection tests: dequeues frames, records them as text, releases the buffers.</summary>
internal sealed class FrameCollector(SpscFrameQueue queue)
{
    public List<(FrameHandleKind Kind, int Epoch, string Text)> Frames { get; } = [];

    /// <summary>Collect until <paramref name="done"/> holds for what was collected (30 s limit).</summary>
    public async Task UntilAsync(Func<List<(FrameHandleKind Kind, int Epoch, string Text)>, bool> done, CancellationToken token, int timeoutMs = 30_000)
    {
        var deadline = Environment.TickCount64 + timeoutMs;
        while (!done(Frames))
        {
            if (queue.TryDequeue(out var frame))
            {
                Frames.Add((frame.Kind, frame.Epoch, Encoding.UTF8.GetString(frame.Span)));
                queue.Release(frame);
                continue;
            }
            if (Environment.TickCount64 > deadline)
                throw new TimeoutException("Frames so far: " + string.Join(" | ", Frames.Select(f => $"{f.Kind}#{f.Epoch}:{Shorten(f.Text)}")));
            await Task.Delay(2, token);
        }
    }

    public void DrainRest()
    {
        while (queue.TryDequeue(out var frame))
        {
            Frames.Add((frame.Kind, frame.Epoch, Encoding.UTF8.GetString(frame.Span)));
            queue.Release(frame);
        }
    }

    private static string Shorten(string s) => s.Length > 40 ? s[..40] + "…" : s;
}

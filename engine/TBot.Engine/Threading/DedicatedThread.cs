using Microsoft.Extensions.Logging;

namespace TBot.Engine.Threading;

/// <summary>Starts a named, optionally pinned, foreground-independent thread for a long-running loop.</summary>
public static class DedicatedThread
{
    /// <summary>
    /// Start <paramref name="body"/> on a new thread named <paramref name="name"/> (visible in <c>top -H</c>;
    /// Linux keeps the first 15 characters). When <paramref name="cpu"/> is set the thread pins itself first;
    /// a failed pin is logged and the thread runs unpinned.
    /// </summary>
    public static Thread Start(string name, int? cpu, Action body, ILogger logger)
    {
        var thread = new Thread(() =>
        {
            if (cpu is { } c)
            {
                var result = CpuAffinity.PinCurrentThread(c);
                if (result.Success) logger.LogInformation("Thread {Thread} {Result}", name, result.Message);
                else logger.LogWarning("Thread {Thread} runs unpinned: {Reason}", name, result.Message);
            }
            body();
        })
        {
            Name = name,
            IsBackground = true,
        };
        thread.Start();
        return thread;
    }
}

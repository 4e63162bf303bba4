namespace TBot.Adapters.Connections;

/// <summary>Settings of the <see cref="IngressLoop"/> thread.</summary>
public sealed class IngressLoopOptions
{
    /// <summary>Thread name (Linux shows the first 15 characters in top -H).</summary>
    public string ThreadName { get; set; } = "tbot-ingress";

    /// <summary>Pin the thread to this CPU (Linux); null = unpinned.</summary>
    public int? Cpu { get; set; }

    /// <summary>Frames taken from one queue before moving to the next (fairness between connections).</summary>
    public int MaxFramesPerSourcePerPass { get; set; } = 64;

    public int SpinIterations { get; set; } = 2000;

    public int YieldIterations { get; set; } = 200;

    public int SleepMilliseconds { get; set; } = 1;

    /// <summary>How long <see cref="IngressLoop.Stop"/> keeps draining before it gives up on producers that do not stop.</summary>
    public TimeSpan StopTimeout { get; set; } = TimeSpan.FromSeconds(5);
}

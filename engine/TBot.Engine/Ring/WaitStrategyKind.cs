namespace TBot.Engine.Ring;

/// <summary>How a consumer waits for events; selectable by configuration.</summary>
public enum WaitStrategyKind
{
    /// <summary>Spin on the sequence forever: lowest latency, burns a core. Never run more of these than cores.</summary>
    BusySpin,
    /// <summary>Spin briefly, then <c>Thread.Yield</c>: near busy-spin latency, gives the core away when others need it.</summary>
    Yielding,
    /// <summary>Spin, yield, then sleep in short naps: low CPU when idle, higher wake-up latency.</summary>
    Sleeping,
    /// <summary>Lock + condition variable: no CPU when idle, the producer signals on publish.</summary>
    Blocking,
}

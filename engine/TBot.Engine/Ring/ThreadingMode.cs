namespace TBot.Engine.Ring;

/// <summary>How a pipeline maps its handlers onto threads.</summary>
public enum ThreadingMode
{
    /// <summary>Fuse when a dedicated thread per handler (plus the producer) would put more spinning threads than cores.</summary>
    Auto,
    /// <summary>One thread per handler.</summary>
    Dedicated,
    /// <summary>All handlers on one thread, in dependency order.</summary>
    Fused,
}

namespace TBot.Engine.Threading;

/// <summary>The outcome of a pinning request: pinned, or why not (never an exception: pinning is an optimisation).</summary>
public readonly record struct PinResult(bool Success, bool Supported, int Cpu, string Message)
{
    public static PinResult Pinned(int cpu) => new(true, true, cpu, $"pinned to CPU {cpu}");

    public static PinResult NotSupported(string why) => new(false, false, -1, why);

    public static PinResult Failed(string why) => new(false, true, -1, why);
}

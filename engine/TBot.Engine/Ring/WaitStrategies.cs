namespace TBot.Engine.Ring;

/// <summary>Creates wait strategies from configuration words.</summary>
public static class WaitStrategies
{
    public static IWaitStrategy Create(WaitStrategyKind kind) => kind switch
    {
        WaitStrategyKind.BusySpin => new BusySpinWaitStrategy(),
        WaitStrategyKind.Yielding => new YieldingWaitStrategy(),
        WaitStrategyKind.Sleeping => new SleepingWaitStrategy(),
        WaitStrategyKind.Blocking => new BlockingWaitStrategy(),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown wait strategy."),
    };

    /// <summary>Parses "busy", "busy-spin", "yield", "yielding", "sleep", "sleeping", "block", "blocking".</summary>
    public static WaitStrategyKind Parse(string text) => text.Trim().ToLowerInvariant() switch
    {
        "busy" or "busyspin" or "busy-spin" or "spin" => WaitStrategyKind.BusySpin,
        "yield" or "yielding" => WaitStrategyKind.Yielding,
        "sleep" or "sleeping" => WaitStrategyKind.Sleeping,
        "block" or "blocking" => WaitStrategyKind.Blocking,
        _ => throw new FormatException($"Unknown wait strategy '{text}': use busy, yield, sleep or block."),
    };

    public static string Name(WaitStrategyKind kind) => kind switch
    {
        WaitStrategyKind.BusySpin => "busy",
        WaitStrategyKind.Yielding => "yield",
        WaitStrategyKind.Sleeping => "sleep",
        WaitStrategyKind.Blocking => "block",
        _ => kind.ToString(),
    };
}

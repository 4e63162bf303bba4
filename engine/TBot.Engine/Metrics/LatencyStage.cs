namespace TBot.Engine.Metrics;

/// <summary>The measured stages of the hot path (see <see cref="StageLatencies"/>).</summary>
public enum LatencyStage
{
    /// <summary>Frame received (socket) → parsed, validated and published on the ring (ingress thread).</summary>
    Ingress,
    /// <summary>Published on the ring → taken by the trading handler (time in the queue).</summary>
    Queue,
    /// <summary>Trading handler took an event → the intents it caused went through risk and the order manager.</summary>
    TickToIntent,
    /// <summary>Published on the ring → its journal batch written (handed to the OS per the flush policy).</summary>
    Journal,
    /// <summary>One journal fsync.</summary>
    Fsync,
}

public static class LatencyStages
{
    public static readonly LatencyStage[] All = Enum.GetValues<LatencyStage>();

    /// <summary>The <c>stage</c> label of the metrics and the aggregates.</summary>
    public static string Name(LatencyStage stage) => stage switch
    {
        LatencyStage.Ingress => "ingress",
        LatencyStage.Queue => "queue",
        LatencyStage.TickToIntent => "tick_to_intent",
        LatencyStage.Journal => "journal",
        LatencyStage.Fsync => "fsync",
        _ => throw new ArgumentOutOfRangeException(nameof(stage)),
    };
}

using TBot.Engine.Validation;

namespace TBot.Adapters.Ingress;

/// <summary>The outcome of parsing one frame: a small struct, returned by value, no allocation.</summary>
public readonly record struct ParseResult(FrameKind Kind, RejectReason Reason, ControlKind Control, long ConnectionSequence)
{
    /// <summary>No per-connection sequence in this frame.</summary>
    public const long NoSequence = -1;

    public static ParseResult Data(long connectionSequence = NoSequence) => new(FrameKind.Data, RejectReason.None, ControlKind.None, connectionSequence);

    public static ParseResult ControlFrame(ControlKind control, long connectionSequence = NoSequence) =>
        new(FrameKind.Control, RejectReason.None, control, connectionSequence);

    public static ParseResult Reject(RejectReason reason, long connectionSequence = NoSequence) =>
        new(FrameKind.Rejected, reason, ControlKind.None, connectionSequence);
}

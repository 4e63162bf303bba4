using TBot.Engine.Instruments;

namespace TBot.Adapters.Connections;

/// <summary>Fetches REST book snapshots for a venue and delivers them as <see cref="FrameHandleKind.RestSnapshot"/> frames.</summary>
public interface ISnapshotRequester
{
    Venue Venue { get; }

    /// <summary>Ask for a snapshot of <paramref name="instrumentId"/> for the book fed by connection
    /// <paramref name="connectionId"/> in session <paramref name="epoch"/> (echoed on the frame). Thread-safe,
    /// never blocks; repeated requests for an instrument already queued are coalesced.</summary>
    bool Request(int instrumentId, int connectionId, int epoch);
}

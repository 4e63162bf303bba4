using TBot.Engine.Instruments;

namespace TBot.Adapters.Connections;

/// <summary>The REST request that fetches one instrument's book snapshot.</summary>
public interface ISnapshotEndpoint
{
    Venue Venue { get; }

    /// <summary>Request weight against the venue budget.</summary>
    int Weight { get; }

    string PathAndQuery(Instrument instrument);
}

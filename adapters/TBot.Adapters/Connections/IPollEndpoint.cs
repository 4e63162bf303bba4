using TBot.Engine.Instruments;

namespace TBot.Adapters.Connections;

/// <summary>A REST endpoint polled per instrument at a fixed interval.</summary>
public interface IPollEndpoint
{
    string Name { get; }

    /// <summary>Request weight against the venue's budget.</summary>
    int Weight { get; }

    string PathAndQuery(Instrument instrument);
}

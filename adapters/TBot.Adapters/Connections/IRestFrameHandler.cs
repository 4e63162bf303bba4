using TBot.Adapters.Ingress;
using TBot.Engine.Events;
using TBot.Engine.Instruments;

namespace TBot.Adapters.Connections;

/// <summary>
/// Turns a REST snapshot body into events on the ingress thread (the counterpart of <see cref="IFrameParser"/>
/// for REST frames). Same contract: allocation-free, never throws on bad input, nothing left appended on rejection.
/// </summary>
public interface IRestFrameHandler
{
    Venue Venue { get; }

    ParseResult ParseSnapshot(int instrumentId, ReadOnlySpan<byte> body, long receiveTimeNs, EventBatch batch);
}

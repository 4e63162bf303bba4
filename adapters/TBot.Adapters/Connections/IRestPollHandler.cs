using TBot.Adapters.Ingress;
using TBot.Engine.Events;
using TBot.Engine.Instruments;

namespace TBot.Adapters.Connections;

/// <summary>Parses polled REST bodies on the ingress thread (same contract as <see cref="IFrameParser"/>).</summary>
public interface IRestPollHandler
{
    Venue Venue { get; }

    /// <param name="endpointIndex">Which of the poller's endpoints produced the body.</param>
    ParseResult ParsePoll(int endpointIndex, int instrumentId, ReadOnlySpan<byte> body, long receiveTimeNs, EventBatch batch);
}

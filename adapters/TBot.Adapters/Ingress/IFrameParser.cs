using TBot.Engine.Events;
using TBot.Engine.Instruments;

namespace TBot.Adapters.Ingress;

/// <summary>
/// Parses one WebSocket text frame of a venue's market-data stream into normalized events, with
/// <see cref="System.Text.Json.Utf8JsonReader"/> over the frame's bytes: no strings, no decimals, no DOM.
/// Implementations are owned by one ingress thread and may keep per-stream scratch state.
/// </summary>
public interface IFrameParser
{
    Venue Venue { get; }

    /// <summary>
    /// Parse <paramref name="frame"/>, appending zero or more events to <paramref name="batch"/> (each with
    /// Venue, InstrumentId, Kind, ReceiveTimeNs = <paramref name="receiveTimeNs"/>, and the message's fields).
    /// On rejection nothing is left appended. Never throws on bad input.
    /// </summary>
    ParseResult Parse(ReadOnlySpan<byte> frame, long receiveTimeNs, EventBatch batch);
}

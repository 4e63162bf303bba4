using TBot.Adapters.Ingress;
using TBot.Engine.Events;
using TBot.Engine.Instruments;

namespace TBot.Adapters.Coinbase;

/// <summary>
/// For captures whose feed is unknown: Advanced Trade frames carry a top-level "channel", Exchange-feed
/// frames a "type"; each frame goes to the matching parser. Live connections know their feed and use the
/// parser directly; this scan costs one pass over the bytes.
/// </summary>
public sealed class CoinbaseFeedSniffingParser(InstrumentRegistry registry) : IFrameParser
{
    private readonly CoinbaseAdvancedTradeParser _advanced = new(registry);
    private readonly CoinbaseExchangeParser _exchange = new(registry);

    public Venue Venue => Venue.Coinbase;

    public ParseResult Parse(ReadOnlySpan<byte> frame, long receiveTimeNs, EventBatch batch) =>
        frame.IndexOf("\"channel\""u8) >= 0
            ? _advanced.Parse(frame, receiveTimeNs, batch)
            : _exchange.Parse(frame, receiveTimeNs, batch);
}

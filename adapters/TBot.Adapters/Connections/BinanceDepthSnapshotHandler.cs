using TBot.Adapters.Binance;
using TBot.Adapters.Ingress;
using TBot.Engine.Events;
using TBot.Engine.Instruments;
using TBot.Engine.Validation;

namespace TBot.Adapters.Connections;

/// <summary>Binance <c>GET /api/v3/depth</c> bodies → BookSnapshotLevel events via <see cref="BinanceRestParser.ParseDepthSnapshot"/>.</summary>
public sealed class BinanceDepthSnapshotHandler(InstrumentRegistry instruments) : IRestFrameHandler
{
    public Venue Venue => Venue.Binance;

    public ParseResult ParseSnapshot(int instrumentId, ReadOnlySpan<byte> body, long receiveTimeNs, EventBatch batch)
    {
        if (!instruments.TryGet(instrumentId, out var instrument) || instrument.Venue != Venue.Binance)
            return ParseResult.Reject(RejectReason.UnknownInstrument);
        return BinanceRestParser.ParseDepthSnapshot(body, instrument, receiveTimeNs, batch);
    }
}

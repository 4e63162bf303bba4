using System.Text.Json;
using TBot.Adapters.Simulator.Market;
using TBot.Adapters.Simulator.Wire;

namespace TBot.Adapters.Simulator.Okx;

/// <summary>
/// books5 ({"arg",..,"data":[{"asks":[5],"bids":[5],"instId","ts","seqId"}]}, a full 5-level book each push,
/// no action) and bbo-tbt (same with 1 level and no instId).
/// </summary>
internal static class OkxTopOfBookWriter
{
    private static readonly JsonEncodedText Data = JsonEncodedText.Encode("data");
    private static readonly JsonEncodedText Asks = JsonEncodedText.Encode("asks");
    private static readonly JsonEncodedText Bids = JsonEncodedText.Encode("bids");
    private static readonly JsonEncodedText InstId = JsonEncodedText.Encode("instId");
    private static readonly JsonEncodedText Ts = JsonEncodedText.Encode("ts");
    private static readonly JsonEncodedText SeqId = JsonEncodedText.Encode("seqId");
    internal static readonly JsonEncodedText Books5 = JsonEncodedText.Encode("books5");
    internal static readonly JsonEncodedText BboTbt = JsonEncodedText.Encode("bbo-tbt");

    /// <param name="crossed">Fault (bbo-tbt only): a bid one tick above the ask.</param>
    public static void Write(Utf8JsonWriter w, InstrumentMarket m, JsonEncodedText instId, int levels, long timeNs, bool crossed)
    {
        w.WriteStartObject();
        OkxWire.WriteArg(w, levels == 1 ? BboTbt : Books5, instId);
        w.WriteStartArray(Data);
        w.WriteStartObject();
        OkxWire.Levels(w, Asks, m, m.Asks, levels);
        if (crossed && m.Asks.Count > 0)
        {
            w.WriteStartArray(Bids);
            OkxWire.Level(w, m, m.Asks.BestPrice + m.Spec.TickSize, m.Bids.BestQuantity);
            w.WriteEndArray();
        }
        else
        {
            OkxWire.Levels(w, Bids, m, m.Bids, levels);
        }
        if (levels != 1) w.WriteString(InstId, instId);
        WireJson.IntegerString(w, Ts, WireTime.ToUnixMs(timeNs));
        w.WriteNumber(SeqId, m.Sequence);
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteEndObject();
    }
}

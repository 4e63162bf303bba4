using System.Text.Json;
using TBot.Adapters.Simulator.Market;
using TBot.Adapters.Simulator.Wire;
using TBot.Engine.Events;

namespace TBot.Adapters.Simulator.Okx;

/// <summary>
/// books: {"arg":..,"action":"snapshot"|"update","data":[{"asks":[..],"bids":[..],"ts":"ms","checksum":n,
/// "prevSeqId":n,"seqId":n}]}; the snapshot has prevSeqId -1; each update's prevSeqId is the previous seqId.
/// </summary>
internal static class OkxBooksWriter
{
    private static readonly JsonEncodedText Action = JsonEncodedText.Encode("action");
    private static readonly JsonEncodedText Data = JsonEncodedText.Encode("data");
    private static readonly JsonEncodedText Asks = JsonEncodedText.Encode("asks");
    private static readonly JsonEncodedText Bids = JsonEncodedText.Encode("bids");
    private static readonly JsonEncodedText Ts = JsonEncodedText.Encode("ts");
    private static readonly JsonEncodedText Checksum = JsonEncodedText.Encode("checksum");
    private static readonly JsonEncodedText PrevSeqId = JsonEncodedText.Encode("prevSeqId");
    private static readonly JsonEncodedText SeqId = JsonEncodedText.Encode("seqId");
    private static readonly JsonEncodedText Snapshot = JsonEncodedText.Encode("snapshot");
    private static readonly JsonEncodedText Update = JsonEncodedText.Encode("update");
    internal static readonly JsonEncodedText Channel = JsonEncodedText.Encode("books");

    public static void WriteSnapshot(Utf8JsonWriter w, InstrumentMarket m, JsonEncodedText instId, long timeNs, int checksum)
    {
        Begin(w, instId, Snapshot);
        OkxWire.Levels(w, Asks, m, m.Asks, 400);
        OkxWire.Levels(w, Bids, m, m.Bids, 400);
        End(w, timeNs, checksum, -1, m.Sequence);
    }

    public static void WriteUpdate(Utf8JsonWriter w, MarketStep step, JsonEncodedText instId, long timeNs, int checksum)
    {
        var m = step.Market;
        Begin(w, instId, Update);
        WriteChanges(w, Asks, step, Side.Sell, m);
        WriteChanges(w, Bids, step, Side.Buy, m);
        End(w, timeNs, checksum, step.PreviousSequence, step.LastSequence);
    }

    private static void Begin(Utf8JsonWriter w, JsonEncodedText instId, JsonEncodedText action)
    {
        w.WriteStartObject();
        OkxWire.WriteArg(w, Channel, instId);
        w.WriteString(Action, action);
        w.WriteStartArray(Data);
        w.WriteStartObject();
    }

    private static void End(Utf8JsonWriter w, long timeNs, int checksum, long prevSeqId, long seqId)
    {
        WireJson.IntegerString(w, Ts, WireTime.ToUnixMs(timeNs));
        w.WriteNumber(Checksum, checksum);
        w.WriteNumber(PrevSeqId, prevSeqId);
        w.WriteNumber(SeqId, seqId);
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteChanges(Utf8JsonWriter w, JsonEncodedText name, MarketStep step, Side side, InstrumentMarket m)
    {
        w.WriteStartArray(name);
        foreach (ref readonly var c in step.Changes)
        {
            if (c.Side == side) OkxWire.Level(w, m, c.Price, c.Quantity);
        }
        w.WriteEndArray();
    }
}

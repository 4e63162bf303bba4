using System.Text.Json;

namespace TBot.Adapters.Simulator.Okx;

/// <summary>Control events: {"event":"subscribe"|"unsubscribe","arg":{..},"connId":..} and {"event":"error","code":"60012","msg":..,"connId":..}.</summary>
internal static class OkxEventWriter
{
    public static void Ack(Utf8JsonWriter w, string op, string channel, string instId, string connId)
    {
        w.WriteStartObject();
        w.WriteString("event", op);
        w.WriteStartObject("arg");
        w.WriteString("channel", channel);
        w.WriteString("instId", instId);
        w.WriteEndObject();
        w.WriteString("connId", connId);
        w.WriteEndObject();
    }

    public static void Error(Utf8JsonWriter w, string code, string message, string connId)
    {
        w.WriteStartObject();
        w.WriteString("event", "error");
        w.WriteString("code", code);
        w.WriteString("msg", message);
        w.WriteString("connId", connId);
        w.WriteEndObject();
    }
}

using System.Text.Json;

namespace TBot.Adapters.Simulator.Binance;

/// <summary>Stream-socket control frames: {"result":null,"id":1}, {"result":[..],"id":3}, {"code":2,"msg":"..","id":..}.</summary>
internal static class BinanceControlWriter
{
    private static readonly JsonEncodedText Result = JsonEncodedText.Encode("result");
    private static readonly JsonEncodedText Id = JsonEncodedText.Encode("id");
    private static readonly JsonEncodedText Code = JsonEncodedText.Encode("code");
    private static readonly JsonEncodedText Msg = JsonEncodedText.Encode("msg");

    /// <param name="idJson">The request's id exactly as sent (number, string or null), or null when absent.</param>
    public static void Ack(Utf8JsonWriter w, string? idJson)
    {
        w.WriteStartObject();
        w.WriteNull(Result);
        WriteId(w, idJson);
        w.WriteEndObject();
    }

    public static void List(Utf8JsonWriter w, IEnumerable<string> streams, string? idJson)
    {
        w.WriteStartObject();
        w.WriteStartArray(Result);
        foreach (var s in streams) w.WriteStringValue(s);
        w.WriteEndArray();
        WriteId(w, idJson);
        w.WriteEndObject();
    }

    public static void Property(Utf8JsonWriter w, bool value, string? idJson)
    {
        w.WriteStartObject();
        w.WriteBoolean(Result, value);
        WriteId(w, idJson);
        w.WriteEndObject();
    }

    public static void Error(Utf8JsonWriter w, int code, string message, string? idJson)
    {
        w.WriteStartObject();
        w.WriteNumber(Code, code);
        w.WriteString(Msg, message);
        if (idJson is not null) WriteId(w, idJson);
        w.WriteEndObject();
    }

    private static void WriteId(Utf8JsonWriter w, string? idJson)
    {
        w.WritePropertyName(Id);
        if (idJson is null) w.WriteNullValue();
        else w.WriteRawValue(idJson, skipInputValidation: true);
    }
}

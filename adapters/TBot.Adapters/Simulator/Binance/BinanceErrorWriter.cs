using System.Text.Json;

namespace TBot.Adapters.Simulator.Binance;

/// <summary>REST error body: {"code":-1121,"msg":"Invalid symbol."}.</summary>
internal static class BinanceErrorWriter
{
    private static readonly JsonEncodedText Code = JsonEncodedText.Encode("code");
    private static readonly JsonEncodedText Msg = JsonEncodedText.Encode("msg");

    public static void Write(Utf8JsonWriter w, int code, string message)
    {
        w.WriteStartObject();
        w.WriteNumber(Code, code);
        w.WriteString(Msg, message);
        w.WriteEndObject();
    }
}

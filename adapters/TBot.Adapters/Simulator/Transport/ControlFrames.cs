using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace TBot.Adapters.Simulator.Transport;

/// <summary>Builds one-off frames (errors, acks) off the pump thread. Allocates; control traffic is rare.</summary>
internal static class ControlFrames
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static byte[] Build(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var w = new Utf8JsonWriter(buffer, Options)) write(w);
        return buffer.WrittenSpan.ToArray();
    }
}

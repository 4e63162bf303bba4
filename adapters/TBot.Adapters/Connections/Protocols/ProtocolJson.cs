using System.Buffers;
using System.Text.Json;

namespace TBot.Adapters.Connections.Protocols;

/// <summary>Builds small client messages with <see cref="Utf8JsonWriter"/> (proper escaping; setup path only).</summary>
internal static class ProtocolJson
{
    public static byte[] Write<TState>(TState state, Action<Utf8JsonWriter, TState> write)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer, state);
        }
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Split <paramref name="items"/> into consecutive chunks of at most <paramref name="size"/>.</summary>
    public static IEnumerable<ArraySegment<T>> Chunks<T>(IReadOnlyList<T> items, int size)
    {
        var array = items as T[] ?? [.. items];
        for (var i = 0; i < array.Length; i += size) yield return new ArraySegment<T>(array, i, Math.Min(size, array.Length - i));
    }
}

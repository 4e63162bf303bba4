using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace TBot.Adapters.Simulator.Transport;

/// <summary>
/// A reusable Utf8JsonWriter over a pooled, growing byte buffer: Start() → write → Finish() gives the frame bytes,
/// valid until the next Start(). One per writing thread; no allocation per frame once warmed up.
/// </summary>
internal sealed class JsonFrameBuilder : IBufferWriter<byte>, IDisposable
{
    private static readonly JsonWriterOptions Options = new()
    {
        // The writers produce well-formed JSON by construction; skipping validation saves a state check per token.
        SkipValidation = true,
        Indented = false,
        // Venue text such as Go time "m=+91717" must go out as-is, not as \u002B.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private byte[] _buffer;
    private int _written;
    private readonly Utf8JsonWriter _writer;

    public JsonFrameBuilder(int initialCapacity = 16 * 1024)
    {
        _buffer = ArrayPool<byte>.Shared.Rent(initialCapacity);
        _writer = new Utf8JsonWriter(this, Options);
    }

    public Utf8JsonWriter Start()
    {
        _written = 0;
        _writer.Reset(this);
        return _writer;
    }

    public ReadOnlySpan<byte> Finish()
    {
        _writer.Flush();
        return _buffer.AsSpan(0, _written);
    }

    public ReadOnlyMemory<byte> FinishMemory()
    {
        _writer.Flush();
        return _buffer.AsMemory(0, _written);
    }

    /// <summary>Write raw bytes (a non-JSON text frame such as OKX "pong").</summary>
    public ReadOnlySpan<byte> Raw(ReadOnlySpan<byte> bytes)
    {
        _written = 0;
        bytes.CopyTo(GetSpan(bytes.Length));
        Advance(bytes.Length);
        return _buffer.AsSpan(0, _written);
    }

    public void Advance(int count) => _written += count;

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _buffer.AsMemory(_written);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _buffer.AsSpan(_written);
    }

    private void Ensure(int sizeHint)
    {
        var needed = _written + Math.Max(sizeHint, 256);
        if (needed <= _buffer.Length) return;
        var bigger = ArrayPool<byte>.Shared.Rent(Math.Max(needed, _buffer.Length * 2));
        _buffer.AsSpan(0, _written).CopyTo(bigger);
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = bigger;
    }

    public void Dispose()
    {
        _writer.Dispose();
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
    }
}

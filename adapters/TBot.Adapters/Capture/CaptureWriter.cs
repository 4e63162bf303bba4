using System.IO.Compression;
using System.Text.Json;

namespace TBot.Adapters.Capture;

/// <summary>Writes the JSON-lines capture format (<c>tbot record</c>); <c>.gz</c> paths are compressed.</summary>
public sealed class CaptureWriter : IDisposable
{
    private readonly Stream _stream;
    private readonly Utf8JsonWriter _writer;
    private readonly object _gate = new();

    public CaptureWriter(Stream stream, bool gzip)
    {
        _stream = gzip ? new GZipStream(stream, CompressionLevel.Fastest) : stream;
        _writer = new Utf8JsonWriter(_stream, new JsonWriterOptions
        {
            SkipValidation = true,
            // Payloads are JSON themselves: escape only what JSON requires, so captures stay close to the wire bytes.
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        });
    }

    public static CaptureWriter Create(string path) =>
        new(File.Create(path), path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase));

    public long Records { get; private set; }

    /// <summary>Append one record. Thread-safe (several connections may record into one file).</summary>
    public void Write(long receiveTimeNs, CaptureSource source, ReadOnlySpan<byte> url, ReadOnlySpan<byte> data)
    {
        lock (_gate)
        {
            _writer.Reset(_stream);
            _writer.WriteStartObject();
            _writer.WriteNumber("ts"u8, receiveTimeNs);
            _writer.WriteString("src"u8, source == CaptureSource.Rest ? "rest"u8 : "ws"u8);
            _writer.WriteString("url"u8, url);
            _writer.WriteString("data"u8, data);
            _writer.WriteEndObject();
            _writer.Flush();
            _stream.WriteByte((byte)'\n');
            Records++;
        }
    }

    public void Flush()
    {
        lock (_gate) _stream.Flush();
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _writer.Dispose();
            _stream.Dispose();
        }
    }
}

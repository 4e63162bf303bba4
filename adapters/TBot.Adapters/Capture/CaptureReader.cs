using System.IO.Compression;
using System.Text.Json;

namespace TBot.Adapters.Capture;

/// <summary>
/// Reads capture files line by line into reused buffers: the JSON-lines capture format (see
/// <see cref="CaptureRecord"/>), optionally gzip-compressed (<c>.gz</c>), or plain files holding one raw
/// WebSocket frame per line (then the receive time is 0 and the caller supplies a clock).
/// </summary>
public sealed class CaptureReader : IDisposable
{
    private readonly Stream _stream;
    private byte[] _buffer = new byte[1 << 16];
    private int _start;
    private int _end;
    private bool _eof;
    private byte[] _data = new byte[1 << 16];
    private byte[] _url = new byte[2048];

    public CaptureReader(Stream stream, bool gzip)
    {
        _stream = gzip ? new GZipStream(stream, CompressionMode.Decompress) : stream;
    }

    /// <summary>Open a file; <c>.gz</c> files are decompressed on the fly.</summary>
    public static CaptureReader Open(string path) =>
        new(File.OpenRead(path), path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase));

    /// <summary>Lines read so far (including blank and bad ones).</summary>
    public long Lines { get; private set; }

    /// <summary>Lines that were neither a capture record nor usable as a raw frame.</summary>
    public long BadLines { get; private set; }

    /// <summary>Read the next record; false at end of file.</summary>
    public bool TryRead(out CaptureRecord record)
    {
        while (TryReadLine(out var line))
        {
            Lines++;
            line = Trim(line);
            if (line.IsEmpty) continue;
            if (IsCaptureRecord(line))
            {
                if (TryParseRecord(line, out record)) return true;
                BadLines++;
                continue;
            }
            // A raw frame per line: hand it over as it is (a malformed frame is the parser's to reject).
            record = new CaptureRecord(0, CaptureSource.WebSocket, default, line);
            return true;
        }
        record = default;
        return false;
    }

    private static bool IsCaptureRecord(ReadOnlySpan<byte> line) =>
        line.Length > 8 && line[0] == (byte)'{' && line.IndexOf("\"data\""u8) >= 0 && line.IndexOf("\"ts\""u8) >= 0 && line.IndexOf("\"src\""u8) >= 0;

    private bool TryParseRecord(ReadOnlySpan<byte> line, out CaptureRecord record)
    {
        record = default;
        long ts = 0;
        var src = CaptureSource.WebSocket;
        var urlLength = 0;
        var dataLength = -1;
        try
        {
            var reader = new Utf8JsonReader(line);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return false;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("ts"u8))
                {
                    reader.Read();
                    if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt64(out ts)) return false;
                }
                else if (reader.ValueTextEquals("src"u8))
                {
                    reader.Read();
                    src = reader.ValueTextEquals("rest"u8) ? CaptureSource.Rest : CaptureSource.WebSocket;
                }
                else if (reader.ValueTextEquals("url"u8))
                {
                    reader.Read();
                    urlLength = CopyString(ref reader, ref _url);
                }
                else if (reader.ValueTextEquals("data"u8))
                {
                    reader.Read();
                    if (reader.TokenType == JsonTokenType.String)
                    {
                        dataLength = CopyString(ref reader, ref _data);
                    }
                    else
                    {
                        // Tolerate captures that embed the payload as JSON rather than as a string.
                        var start = (int)reader.TokenStartIndex;
                        reader.Skip();
                        var raw = line[start..((int)reader.BytesConsumed)];
                        EnsureCapacity(ref _data, raw.Length);
                        raw.CopyTo(_data);
                        dataLength = raw.Length;
                    }
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }
        }
        catch (JsonException)
        {
            return false;
        }
        if (dataLength < 0) return false;
        record = new CaptureRecord(ts, src, _url.AsSpan(0, urlLength), _data.AsSpan(0, dataLength));
        return true;
    }

    private static int CopyString(ref Utf8JsonReader reader, ref byte[] target)
    {
        var needed = reader.HasValueSequence ? (int)reader.ValueSequence.Length : reader.ValueSpan.Length;
        EnsureCapacity(ref target, needed);
        return reader.CopyString(target);
    }

    private static void EnsureCapacity(ref byte[] buffer, int needed)
    {
        if (buffer.Length < needed) buffer = new byte[Math.Max(needed, buffer.Length * 2)];
    }

    private static ReadOnlySpan<byte> Trim(ReadOnlySpan<byte> line)
    {
        var s = 0;
        var e = line.Length;
        while (s < e && (line[s] is (byte)' ' or (byte)'\t' or (byte)'\r')) s++;
        while (e > s && (line[e - 1] is (byte)' ' or (byte)'\t' or (byte)'\r')) e--;
        return line[s..e];
    }

    private bool TryReadLine(out ReadOnlySpan<byte> line)
    {
        while (true)
        {
            var nl = _buffer.AsSpan(_start, _end - _start).IndexOf((byte)'\n');
            if (nl >= 0)
            {
                line = _buffer.AsSpan(_start, nl);
                _start += nl + 1;
                return true;
            }
            if (_eof)
            {
                if (_start < _end)
                {
                    line = _buffer.AsSpan(_start, _end - _start);
                    _start = _end;
                    return true;
                }
                line = default;
                return false;
            }
            // Compact, grow if one line fills the buffer, then read more.
            if (_start > 0)
            {
                Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
                _end -= _start;
                _start = 0;
            }
            if (_end == _buffer.Length) Array.Resize(ref _buffer, _buffer.Length * 2);
            var n = _stream.Read(_buffer, _end, _buffer.Length - _end);
            if (n == 0) _eof = true;
            else _end += n;
        }
    }

    public void Dispose() => _stream.Dispose();
}

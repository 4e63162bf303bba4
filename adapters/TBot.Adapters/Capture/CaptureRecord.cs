namespace TBot.Adapters.Capture;

/// <summary>
/// One captured payload, as a view into the reader's buffers (valid until the next read). The capture file
/// format is JSON lines: <c>{"ts": receive time in unix ns, "src": "ws"|"rest", "url": "...", "data": "payload as a JSON string"}</c>.
/// </summary>
public readonly ref struct CaptureRecord(long receiveTimeNs, CaptureSource source, ReadOnlySpan<byte> url, ReadOnlySpan<byte> data)
{
    public long ReceiveTimeNs { get; } = receiveTimeNs;

    public CaptureSource Source { get; } = source;

    /// <summary>The stream URL or the REST request URL (UTF-8); empty for raw-frame files.</summary>
    public ReadOnlySpan<byte> Url { get; } = url;

    /// <summary>The payload exactly as received (UTF-8).</summary>
    public ReadOnlySpan<byte> Data { get; } = data;
}

namespace TBot.Adapters.Capture;

/// <summary>Where a captured payload came from.</summary>
public enum CaptureSource : byte
{
    /// <summary>A WebSocket text frame.</summary>
    WebSocket = 0,
    /// <summary>A REST response body (e.g. a depth snapshot taken for book sync).</summary>
    Rest = 1,
}

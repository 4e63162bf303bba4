namespace TBot.Adapters.RateLimiting;

/// <summary>What one acquisition costs against a limit.</summary>
public enum RateLimitKind : byte
{
    /// <summary>The request's weight (Binance REQUEST_WEIGHT).</summary>
    Weight = 0,
    /// <summary>One per request, whatever its weight (Binance RAW_REQUESTS, OKX "20 requests / 2 s", connects, messages).</summary>
    Count = 1,
}

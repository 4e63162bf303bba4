namespace TBot.Adapters.Binance;

/// <summary>One <c>rateLimits</c> entry of exchangeInfo, e.g. REQUEST_WEIGHT 6000 per 1 MINUTE (read them, never hard-code).</summary>
public sealed record BinanceRateLimit(string Type, string Interval, int IntervalNum, int Limit)
{
    /// <summary>The window the limit applies to; zero for an interval name we do not know.</summary>
    public TimeSpan Window => Interval switch
    {
        "SECOND" => TimeSpan.FromSeconds(IntervalNum),
        "MINUTE" => TimeSpan.FromMinutes(IntervalNum),
        "HOUR" => TimeSpan.FromHours(IntervalNum),
        "DAY" => TimeSpan.FromDays(IntervalNum),
        _ => TimeSpan.Zero,
    };
}

namespace TBot.Engine.Validation;

/// <summary>Limits of the market-data validator (configuration section <c>Validation</c>).</summary>
public sealed class ValidationOptions
{
    /// <summary>Allowed distance of a quote mid or trade price from the reference mid, in basis points (1000 = ±10 %).</summary>
    public int PriceBandBps { get; set; } = 1000;

    /// <summary>After this many consecutive out-of-band prices the reference is re-anchored to the new level
    /// (the market really moved); the rejections stay counted.</summary>
    public int ReanchorAfter { get; set; } = 20;

    /// <summary>How far an exchange timestamp may run ahead of the receive clock (clock skew), ms.</summary>
    public int FutureToleranceMs { get; set; } = 2_000;

    /// <summary>How old an exchange timestamp may be when it arrives, ms.</summary>
    public int StalenessLimitMs { get; set; } = 30_000;

    /// <summary>Trade ids remembered per instrument for duplicate detection.</summary>
    public int TradeDedupWindow { get; set; } = 4096;

    /// <summary>Rejections on one connection within <see cref="ReconnectWindowMs"/> that trigger its reconnect.</summary>
    public int ReconnectThreshold { get; set; } = 50;

    public int ReconnectWindowMs { get; set; } = 10_000;

    /// <summary>Every problem with these settings (empty when valid).</summary>
    public List<string> Problems()
    {
        var p = new List<string>();
        if (PriceBandBps is <= 0 or > 100_000) p.Add($"Validation:PriceBandBps must be in 1..100000 (got {PriceBandBps}).");
        if (ReanchorAfter < 1) p.Add($"Validation:ReanchorAfter must be at least 1 (got {ReanchorAfter}).");
        if (FutureToleranceMs < 0) p.Add($"Validation:FutureToleranceMs must not be negative (got {FutureToleranceMs}).");
        if (StalenessLimitMs <= 0) p.Add($"Validation:StalenessLimitMs must be positive (got {StalenessLimitMs}).");
        if (TradeDedupWindow < 1) p.Add($"Validation:TradeDedupWindow must be at least 1 (got {TradeDedupWindow}).");
        if (ReconnectThreshold < 1) p.Add($"Validation:ReconnectThreshold must be at least 1 (got {ReconnectThreshold}).");
        return p;
    }
}

namespace TBot.Adapters.Simulator.Wire;

/// <summary>How a venue writes decimal strings. Each venue has its habit, and parsers must cope with all of them.</summary>
public enum NumberStyle : byte
{
    /// <summary>Exactly the instrument's scale ("68900.00" at scale 2).</summary>
    Exact = 0,
    /// <summary>Zero-padded to 8 decimals ("25.35190000"), as Binance REST and streams do.</summary>
    Padded8 = 1,
    /// <summary>Trailing zeros and a bare point removed ("8477", "0.1"), as OKX does.</summary>
    Trimmed = 2,
}

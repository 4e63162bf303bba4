namespace TBot.Adapters.Execution.Binance;

/// <summary>One asset of the Binance account: free and locked amounts as mantissas at <see cref="Scale"/> decimals.</summary>
public readonly record struct AssetBalance(string Asset, long Free, long Locked)
{
    /// <summary>Binance states balances with 8 decimals.</summary>
    public const int Scale = 8;

    public long Total => Free + Locked;
}

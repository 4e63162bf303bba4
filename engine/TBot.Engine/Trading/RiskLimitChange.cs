using TBot.Engine.Risk;

namespace TBot.Engine.Trading;

/// <summary>Applies one <see cref="RiskLimitField"/> change to a bot's limits (control events are rare: a new
/// record per change is fine).</summary>
public static class RiskLimitChange
{
    public static RiskLimits Apply(RiskLimits limits, RiskLimitField field, long value) => field switch
    {
        RiskLimitField.MaxOrderNotional => limits with { MaxOrderNotional = value },
        RiskLimitField.MaxPositionNotionalPerBot => limits with { MaxPositionNotionalPerBot = value },
        RiskLimitField.DailyLossLimit => limits with { DailyLossLimit = value },
        RiskLimitField.MaxDrawdown => limits with { MaxDrawdown = value },
        RiskLimitField.MaxOpenOrders => limits with { MaxOpenOrders = (int)value },
        RiskLimitField.PriceCollarBps => limits with { PriceCollarBps = (int)value },
        RiskLimitField.MaxQuoteAgeMs => limits with { MaxQuoteAgeMs = (int)value },
        _ => limits,
    };

    /// <summary>Parse a field name as users write it ("max_order_notional"); false for unknown names.</summary>
    public static bool TryParseField(string name, out RiskLimitField field)
    {
        field = name.Replace("_", "", StringComparison.Ordinal).ToLowerInvariant() switch
        {
            "maxordernotional" => RiskLimitField.MaxOrderNotional,
            "maxpositionnotionalperbot" or "maxpositionnotional" => RiskLimitField.MaxPositionNotionalPerBot,
            "dailylosslimit" => RiskLimitField.DailyLossLimit,
            "maxdrawdown" => RiskLimitField.MaxDrawdown,
            "maxopenorders" => RiskLimitField.MaxOpenOrders,
            "pricecollarbps" => RiskLimitField.PriceCollarBps,
            "maxquoteagems" => RiskLimitField.MaxQuoteAgeMs,
            _ => RiskLimitField.None,
        };
        return field != RiskLimitField.None;
    }

    /// <summary>True for fields whose value is money (given in quote units, stored at 8 decimals).</summary>
    public static bool IsMoney(RiskLimitField field) =>
        field is RiskLimitField.MaxOrderNotional or RiskLimitField.MaxPositionNotionalPerBot or RiskLimitField.DailyLossLimit or RiskLimitField.MaxDrawdown;
}

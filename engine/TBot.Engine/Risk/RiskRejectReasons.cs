namespace TBot.Engine.Risk;

/// <summary>Names of <see cref="RiskRejectReason"/> (snake_case, as used in metrics and JSON).</summary>
public static class RiskRejectReasons
{
    /// <summary>Size of arrays indexed by reason (room for new reasons without changing the layout).</summary>
    public const int Count = 16;

    private static readonly string?[] Names = BuildNames();

    /// <summary>"max_order_quantity" for <see cref="RiskRejectReason.MaxOrderQuantity"/>; the number for unknown values.</summary>
    public static string Name(RiskRejectReason reason) =>
        (int)reason < Count && Names[(int)reason] is { } name ? name : ((int)reason).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static string?[] BuildNames()
    {
        var names = new string?[Count];
        foreach (var value in Enum.GetValues<RiskRejectReason>()) names[(int)value] = SnakeCase.From(value.ToString());
        return names;
    }
}

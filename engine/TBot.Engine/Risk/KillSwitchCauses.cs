namespace TBot.Engine.Risk;

/// <summary>Names of <see cref="KillSwitchCause"/> (snake_case, for metrics).</summary>
public static class KillSwitchCauses
{
    public const int Count = 8;

    private static readonly string?[] Names = BuildNames();

    public static string Name(KillSwitchCause cause) =>
        (int)cause < Count && Names[(int)cause] is { } name ? name : ((int)cause).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static string?[] BuildNames()
    {
        var names = new string?[Count];
        foreach (var value in Enum.GetValues<KillSwitchCause>()) names[(int)value] = SnakeCase.From(value.ToString());
        return names;
    }
}

namespace TBot.Engine.Validation;

/// <summary>Names and iteration helpers for <see cref="RejectReason"/> (snake_case names are used in metrics and JSON).</summary>
public static class RejectReasons
{
    /// <summary>Size of arrays indexed by reason.</summary>
    public const int Count = 32;

    private static readonly string[] Names = BuildNames();

    public static string Name(RejectReason reason) => Names[(int)reason] ?? ((int)reason).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static string[] BuildNames()
    {
        var names = new string[Count];
        foreach (var value in Enum.GetValues<RejectReason>())
        {
            var text = value.ToString();
            var sb = new System.Text.StringBuilder();
            for (var i = 0; i < text.Length; i++)
            {
                if (char.IsUpper(text[i]) && i > 0) sb.Append('_');
                sb.Append(char.ToLowerInvariant(text[i]));
            }
            names[(int)value] = sb.ToString();
        }
        return names;
    }
}

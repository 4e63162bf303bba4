namespace TBot.Engine.Risk;

/// <summary>PascalCase enum names to snake_case metric names (start-up only).</summary>
internal static class SnakeCase
{
    public static string From(string pascal)
    {
        var sb = new System.Text.StringBuilder(pascal.Length + 4);
        for (var i = 0; i < pascal.Length; i++)
        {
            if (char.IsUpper(pascal[i]) && i > 0) sb.Append('_');
            sb.Append(char.ToLowerInvariant(pascal[i]));
        }
        return sb.ToString();
    }
}

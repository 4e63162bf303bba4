using System.Text.Encodings.Web;
using System.Text.Json;

namespace TBot.Host.Commands;

/// <summary>JSON settings shared by every command that writes a report.</summary>
public static class CliJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static void Write<T>(string path, T value)
    {
        File.WriteAllText(path, JsonSerializer.Serialize(value, Options));
        Console.WriteLine($"wrote {Path.GetFullPath(path)}");
    }
}

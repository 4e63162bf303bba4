using TBot.Adapters.Execution.Binance;
using TBot.Host.Running;
using TBot.Host.Stores;

namespace TBot.Host.Configuration;

/// <summary>
/// Knows the secrets of one configuration (HTTP token, Binance API key and secret, passwords inside store connection
/// strings, the webhook URL) and removes them from text meant for people: config check output, log lines.
/// </summary>
public sealed class SecretRedactor
{
    public const string Mask = "***";
    private readonly List<string> _secrets;

    public SecretRedactor(IEnumerable<string?> secrets)
    {
        // Longest first, so a secret that contains another is masked whole; very short values would mask ordinary words.
        _secrets = [.. secrets.OfType<string>().Where(s => s.Trim().Length >= 4).Distinct(StringComparer.Ordinal).OrderByDescending(s => s.Length)];
    }

    public static SecretRedactor For(RunConfig? config, IReadOnlyDictionary<string, string> environment, string? httpTokenFlag = null, params string?[] connectionFlags)
    {
        var secrets = new List<string?> { httpTokenFlag, config?.Http?.Token };
        foreach (var name in (string[])[BinanceCredentials.ApiKeyVariable, BinanceCredentials.ApiSecretVariable])
            if (environment.TryGetValue(name, out var v)) secrets.Add(v);
        foreach (var connection in connectionFlags.Append(config?.Stores?.Redis).Append(config?.Stores?.Postgres)
                     .Append(environment.GetValueOrDefault(StoreSettings.RedisVariable)).Append(environment.GetValueOrDefault(StoreSettings.PostgresVariable)))
            secrets.AddRange(ConnectionPasswords(connection));
        // Webhook URLs often carry their credential in the path or query (Slack, Teams): the whole URL is masked, and
        // printed only through RedactUrl (a path segment alone may be an ordinary word).
        if (config?.Alerts?.Webhook is { Length: > 0 } hook)
        {
            secrets.Add(hook);
            if (Uri.TryCreate(hook, UriKind.Absolute, out var u) && u.UserInfo.Length > 0) secrets.Add(u.UserInfo);
        }
        if (config?.Execution.Live.CredentialsFile is { Length: > 0 } file && File.Exists(file))
        {
            try
            {
                using var doc = System.Text.Json.JsonDocument.Parse(File.ReadAllText(file));
                if (doc.RootElement.ValueKind == System.Text.Json.JsonValueKind.Object)
                    foreach (var p in doc.RootElement.EnumerateObject())
                        if (p.Value.ValueKind == System.Text.Json.JsonValueKind.String) secrets.Add(p.Value.GetString());
            }
            catch (Exception ex) when (ex is System.Text.Json.JsonException or IOException or UnauthorizedAccessException)
            {
                // Reported by the live check; nothing to mask.
            }
        }
        return new SecretRedactor(secrets);
    }

    public string Redact(string text)
    {
        foreach (var s in _secrets) text = text.Replace(s, Mask, StringComparison.Ordinal);
        return text;
    }

    /// <summary>scheme://host[:port] and a mask for the rest (for printing a URL that may hold a credential).</summary>
    public static string RedactUrl(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var u) && u.Host.Length > 0
            ? $"{u.Scheme}://{u.Authority}{(u.PathAndQuery.Length > 1 ? "/" + Mask : "")}"
            : url.Length > 8 ? url[..4] + Mask : Mask;

    /// <summary>Passwords in a Redis (<c>password=</c>) or Npgsql (<c>Password=</c>) connection string.</summary>
    public static IEnumerable<string> ConnectionPasswords(string? connection)
    {
        if (string.IsNullOrWhiteSpace(connection)) yield break;
        foreach (var part in connection.Split([',', ';'], StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0) continue;
            var key = part[..eq].Trim();
            if (key.Equals("password", StringComparison.OrdinalIgnoreCase) || key.Equals("pwd", StringComparison.OrdinalIgnoreCase))
                yield return part[(eq + 1)..].Trim();
        }
    }
}

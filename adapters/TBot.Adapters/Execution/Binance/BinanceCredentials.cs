using System.Text.Json;
using TBot.Adapters.Binance;

namespace TBot.Adapters.Execution.Binance;

/// <summary>
/// A Binance API key and secret. Loaded from the environment (<see cref="ApiKeyVariable"/>,
/// <see cref="ApiSecretVariable"/>) or from a JSON file <c>{"api_key":"…","api_secret":"…"}</c>. Neither value
/// is ever printed: <see cref="ToString"/> redacts, errors name the source but not the content, and the secret
/// is only reachable through the signer it makes.
/// </summary>
public sealed class BinanceCredentials
{
    public const string ApiKeyVariable = "TBOT_BINANCE_API_KEY";
    public const string ApiSecretVariable = "TBOT_BINANCE_API_SECRET";

    private readonly string _secret;

    public BinanceCredentials(string apiKey, string apiSecret)
    {
        if (string.IsNullOrWhiteSpace(apiKey)) throw new ArgumentException("The API key is empty.", nameof(apiKey));
        if (string.IsNullOrWhiteSpace(apiSecret)) throw new ArgumentException("The API secret is empty.", nameof(apiSecret));
        ApiKey = apiKey.Trim();
        _secret = apiSecret.Trim();
    }

    /// <summary>Sent in the X-MBX-APIKEY header. Treat as a secret too: never log it.</summary>
    public string ApiKey { get; }

    /// <summary>From <see cref="ApiKeyVariable"/> and <see cref="ApiSecretVariable"/>; null when either is unset.</summary>
    public static BinanceCredentials? FromEnvironment()
    {
        var key = Environment.GetEnvironmentVariable(ApiKeyVariable);
        var secret = Environment.GetEnvironmentVariable(ApiSecretVariable);
        return string.IsNullOrWhiteSpace(key) || string.IsNullOrWhiteSpace(secret) ? null : new BinanceCredentials(key, secret);
    }

    /// <summary>From a JSON file <c>{"api_key":"…","api_secret":"…"}</c>.</summary>
    /// <exception cref="InvalidDataException">The file is not that shape (the message never quotes its content).</exception>
    public static BinanceCredentials FromFile(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string? key = null, secret = null;
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
            if (doc.RootElement.ValueKind == JsonValueKind.Object)
            {
                if (doc.RootElement.TryGetProperty("api_key", out var k) && k.ValueKind == JsonValueKind.String) key = k.GetString();
                if (doc.RootElement.TryGetProperty("api_secret", out var s) && s.ValueKind == JsonValueKind.String) secret = s.GetString();
            }
        }
        catch (JsonException)
        {
            // Deliberately not chained: a JSON error message can quote the text around the fault.
            throw new InvalidDataException($"Credentials file '{path}' is not valid JSON.");
        }
        if (string.IsNullOrWhiteSpace(key) || string.IsNullOrWhiteSpace(secret))
            throw new InvalidDataException($"Credentials file '{path}' must hold a JSON object with non-empty \"api_key\" and \"api_secret\" strings.");
        return new BinanceCredentials(key, secret);
    }

    /// <summary>The file when <paramref name="path"/> is given, else the environment.</summary>
    /// <exception cref="InvalidOperationException">No path and the environment variables are not set.</exception>
    public static BinanceCredentials Load(string? path = null) =>
        path is { Length: > 0 } ? FromFile(path)
        : FromEnvironment() ?? throw new InvalidOperationException($"Binance credentials: set {ApiKeyVariable} and {ApiSecretVariable}, or give a credentials file.");

    /// <summary>The request signer (HMAC-SHA256 with the secret).</summary>
    public BinanceSigner CreateSigner() => new(_secret);

    /// <summary>Replace the key and the secret wherever they occur in <paramref name="text"/> (log scrubbing).</summary>
    internal string Scrub(string text)
    {
        if (text.Contains(ApiKey, StringComparison.Ordinal)) text = text.Replace(ApiKey, "[api-key]", StringComparison.Ordinal);
        if (text.Contains(_secret, StringComparison.Ordinal)) text = text.Replace(_secret, "[api-secret]", StringComparison.Ordinal);
        return text;
    }

    public override string ToString() => "BinanceCredentials { ApiKey = [redacted], ApiSecret = [redacted] }";
}

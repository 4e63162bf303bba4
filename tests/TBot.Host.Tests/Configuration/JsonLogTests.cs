using System.Text.Json;
using TBot.Host.Tests.Http;

namespace TBot.Host.Tests.Configuration;

/// <summary><c>--log-format json</c>: every log line (stderr) is one JSON object with scopes; no secret given to the
/// run (HTTP token, Binance API key and secret, a store password) appears anywhere in its output.</summary>
public class JsonLogTests
{
    private const string Token = "Tok-9f2c41d7e0";
    private const string ApiKey = "Key-1b7e55aa03";
    private const string ApiSecret = "Sec-c0ffee7731";
    private const string PgPassword = "Pg-5ec4e7-pass";

    [Fact]
    public async Task A_json_run_writes_parseable_lines_without_secrets()
    {
        var port = FreePort.Next();
        var journal = Path.Combine(Path.GetTempPath(), $"tbot-{Guid.NewGuid():N}-journal");
        var environment = new Dictionary<string, string?>
        {
            ["TBOT_HTTP__TOKEN"] = Token,
            ["TBOT_BINANCE_API_KEY"] = ApiKey,
            ["TBOT_BINANCE_API_SECRET"] = ApiSecret,
            // Nothing listens on port 1: the projection retries and logs its errors, which must not carry the password.
            ["TBOT_STORES__POSTGRES"] = $"Host=127.0.0.1;Port=1;Username=tbot;Password={PgPassword};Database=tbot;Timeout=2",
            ["TBOT_STORES__DRAINSECONDS"] = "1",
            ["TBOT_REDIS"] = null,
            ["TBOT_POSTGRES"] = null,
        };
        await using var tbot = ChildProcess.Tbot(environment, "run", "--log-format", "json", "--journal", journal, "--http", $"127.0.0.1:{port}", "--duration", "6s");
        var exit = await tbot.WaitAsync(TimeSpan.FromSeconds(90));
        Assert.True(exit == 0, $"exit {exit}; tbot:\n{tbot.Tail()}");

        var lines = tbot.ErrorLines.Where(l => l.Length > 0).ToList();
        Assert.NotEmpty(lines);
        var scoped = 0;
        foreach (var line in lines)
        {
            using var doc = JsonDocument.Parse(line); // throws on a line that is not JSON
            var root = doc.RootElement;
            Assert.False(string.IsNullOrEmpty(root.GetProperty("Category").GetString()), line);
            Assert.False(string.IsNullOrEmpty(root.GetProperty("LogLevel").GetString()), line);
            _ = root.GetProperty("Message").GetString();
            Assert.True(DateTime.TryParse(root.GetProperty("Timestamp").GetString(), out _), line);
            if (root.TryGetProperty("Scopes", out var scopes) && scopes.EnumerateArray().Any(s => s.ValueKind == JsonValueKind.Object && s.TryGetProperty("command", out var c) && c.GetString() == "run"))
                scoped++;
        }
        Assert.True(scoped > 0, "no log line carries the run's scope");
        Assert.Contains(lines, l => l.Contains("tbot.run", StringComparison.Ordinal) && l.Contains("Bot 1", StringComparison.Ordinal));

        foreach (var secret in new[] { Token, ApiKey, ApiSecret, PgPassword })
            Assert.DoesNotContain(tbot.Output, l => l.Contains(secret, StringComparison.Ordinal));
    }
}

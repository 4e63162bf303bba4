using TBot.Host.Tests.Http;

namespace TBot.Host.Tests.Configuration;

/// <summary>Every shipped example configuration (engine/TBot.Host/config/examples, copied beside the binary) passes
/// <c>tbot config check</c> run as users run it.</summary>
public class ExampleConfigTests
{
    private static readonly string Examples = Path.Combine(AppContext.BaseDirectory, "config", "examples");

    public static TheoryData<string> Files() =>
    [
        "binance.json", "coinbase.json", "okx.json", "market-maker.json", "mean-reversion.json", "cross-venue-spread.json", "production.json",
    ];

    [Fact]
    public void One_example_per_venue_and_strategy_and_a_production_one_ship()
    {
        var shipped = Directory.GetFiles(Examples, "*.json").Select(Path.GetFileName).Order().ToArray();
        Assert.Equal(Files().Select(f => (string)f.Data).Order().ToArray(), shipped);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public async Task The_example_passes_config_check(string file)
    {
        // The production example keeps its secrets out of the file: they come from the environment, as on the host.
        var environment = new Dictionary<string, string?>
        {
            ["TBOT_BINANCE_API_KEY"] = "example-key-0001",
            ["TBOT_BINANCE_API_SECRET"] = "example-secret-0001",
            ["TBOT_HTTP__TOKEN"] = "example-token-0001",
            ["TBOT_STORES__POSTGRES"] = "Host=db.internal;Username=tbot;Password=example-pg-0001;Database=tbot",
            ["TBOT_REDIS"] = null,
            ["TBOT_POSTGRES"] = null,
        };
        await using var tbot = ChildProcess.Tbot(environment, "config", "check", "--config", Path.Combine(Examples, file));
        var exit = await tbot.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.True(exit == 0, $"{file}: exit {exit}\n{tbot.Tail()}");
        Assert.Contains("configuration ok", tbot.Output);
        Assert.DoesNotContain(tbot.Output, l => l.Contains("example-", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Without_its_secrets_the_production_example_fails_with_every_missing_one()
    {
        var environment = new Dictionary<string, string?> { ["TBOT_BINANCE_API_KEY"] = null, ["TBOT_BINANCE_API_SECRET"] = null, ["TBOT_HTTP__TOKEN"] = null };
        await using var tbot = ChildProcess.Tbot(environment, "config", "check", "--config", Path.Combine(Examples, "production.json"));
        Assert.Equal(2, await tbot.WaitAsync(TimeSpan.FromSeconds(60)));
        Assert.Contains(tbot.ErrorLines, l => l.Contains("TBOT_BINANCE_API_KEY", StringComparison.Ordinal));
        Assert.Contains(tbot.ErrorLines, l => l.Contains("needs http.token", StringComparison.Ordinal));
    }
}

using System.Text.Json;
using TBot.Host.Tests.Http;

namespace TBot.Host.Tests.Configuration;

/// <summary>SIGTERM to a run whose market maker has quotes resting: <c>shutdown.openOrders</c> cancel (default)
/// leaves none open, and the cancels are in the journal; keep leaves them open.</summary>
public class ShutdownPolicyTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(90);

    private static string Temp(string name) => Path.Combine(Path.GetTempPath(), $"tbot-{Guid.NewGuid():N}-{name}");

    private static async Task<JsonElement> RunAndTerminate(string policy)
    {
        var config = Temp("mm.json");
        await File.WriteAllTextAsync(config, $$"""
            { "bots": [ { "id": 1, "name": "mm", "strategy": "market-maker", "parameters": { "instrument": "BTCUSDT@binance", "half_spread_bps": 5, "refresh_ms": 600000 } } ],
              "shutdown": { "openOrders": "{{policy}}" } }
            """, TestContext.Current.CancellationToken);
        var port = FreePort.Next();
        var summary = Temp("run.json");
        await using var tbot = ChildProcess.Tbot("run", "--config", config, "--journal", Temp("journal"), "--http", $"127.0.0.1:{port}", "--json", summary);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        await Eventually.Get(async () =>
        {
            try
            {
                var metrics = PrometheusText.Parse(await http.GetStringAsync("/metrics", TestContext.Current.CancellationToken));
                return metrics.TryGetValue("tbot_orders_open", out var open) && open > 0 ? metrics : null;
            }
            catch (HttpRequestException)
            {
                return null;
            }
        }, Bound, () => $"the market maker never had an open order; tbot:\n{tbot.Tail()}", () => tbot.HasExited);

        var exit = await tbot.StopAsync(Bound);
        Assert.True(exit == 0, $"exit {exit}; tbot:\n{tbot.Tail()}");
        using var doc = JsonDocument.Parse(await File.ReadAllTextAsync(summary, TestContext.Current.CancellationToken));
        return doc.RootElement.Clone();
    }

    [Fact]
    public async Task Cancel_policy_cancels_every_open_order_before_the_journal_closes()
    {
        var run = await RunAndTerminate("cancel");
        var shutdown = run.GetProperty("shutdown");
        Assert.Equal("cancel", shutdown.GetProperty("open_orders_policy").GetString());
        Assert.True(shutdown.GetProperty("open_orders_at_stop").GetInt32() > 0);
        Assert.Equal(0, shutdown.GetProperty("open_orders_after").GetInt32());
        Assert.True(shutdown.GetProperty("cancels_completed").GetBoolean());
        Assert.True(shutdown.GetProperty("clean").GetBoolean());
        Assert.Equal(0, run.GetProperty("trading").GetProperty("open_orders").GetInt64());

        // The cancels are journaled: a replay of the journal ends with no open order and the run's state hash.
        var replay = Temp("replay.json");
        await using var tbot = ChildProcess.Tbot("replay", "--journal", run.GetProperty("journal").GetString()!, "--json", replay);
        Assert.Equal(0, await tbot.WaitAsync(Bound));
        using var doc = JsonDocument.Parse(await File.ReadAllTextAsync(replay, TestContext.Current.CancellationToken));
        Assert.Equal(run.GetProperty("state_hash").GetString(), doc.RootElement.GetProperty("state_hash").GetString());
    }

    [Fact]
    public async Task Keep_policy_leaves_the_open_orders_open()
    {
        var run = await RunAndTerminate("keep");
        var shutdown = run.GetProperty("shutdown");
        Assert.Equal("keep", shutdown.GetProperty("open_orders_policy").GetString());
        var open = shutdown.GetProperty("open_orders_at_stop").GetInt32();
        Assert.True(open > 0);
        Assert.Equal(open, shutdown.GetProperty("open_orders_after").GetInt32());
        Assert.Equal(JsonValueKind.Null, shutdown.GetProperty("cancels_completed").ValueKind);
        Assert.True(shutdown.GetProperty("clean").GetBoolean());
        Assert.Equal(open, run.GetProperty("trading").GetProperty("open_orders").GetInt64());
    }
}

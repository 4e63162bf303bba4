using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using TBot.Host.Tests.Backtest;
using TBot.Host.Tests.Http;

namespace TBot.Host.Tests.Analytics;

/// <summary><c>tbot analytics</c> through the binary, <c>tbot backtest --journal</c> then analytics, and GET /api/analytics
/// of a running <c>tbot run</c> against the simulator.</summary>
public sealed class AnalyticsCommandTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(90);

    private static string Temp(string name) => Path.Combine(Path.GetTempPath(), $"tbot-{Guid.NewGuid():N}-{name}");

    [Fact]
    public async Task The_binary_writes_the_json_and_refuses_bad_arguments_with_exit_2_and_unreadable_journals_with_exit_1()
    {
        using var j = AnalyticsJournal.Scenario();
        j.Writer.Flush();
        var json = Temp("analytics.json");
        await using (var tbot = ChildProcess.Tbot("analytics", "--journal", j.Path, "--json", json, "--bot", "alpha"))
            Assert.Equal(0, await tbot.WaitAsync(Bound));
        using (var doc = JsonDocument.Parse(File.ReadAllText(json)))
        {
            var r = doc.RootElement;
            Assert.Equal(1, r.GetProperty("bot").GetProperty("id").GetInt32());
            Assert.Equal(2.45m, r.GetProperty("pnl").GetProperty("total").GetProperty("net").GetDecimal());
            Assert.Equal("mm", r.GetProperty("pnl").GetProperty("by_bot")[0].GetProperty("strategy").GetString());
            Assert.Equal(-0.75m, r.GetProperty("slippage").GetProperty("total").GetProperty("money").GetDecimal());
            Assert.Equal(3, r.GetProperty("fill_ratio").GetProperty("total").GetProperty("submitted").GetInt64());
            Assert.Equal(3, r.GetProperty("latency").GetProperty("submit_to_accepted").GetProperty("count").GetInt64());
            Assert.Equal(1, r.GetProperty("rejections").GetProperty("by_reason").GetProperty("price_collar").GetInt64());
        }

        await using (var bad = ChildProcess.Tbot("analytics", "--journal", j.Path, "--from", "yesterday-ish"))
        {
            Assert.Equal(2, await bad.WaitAsync(Bound));
            Assert.Contains(bad.ErrorLines, l => l.Contains("--from 'yesterday-ish'"));
        }
        await using (var unknown = ChildProcess.Tbot("analytics", "--journal", j.Path, "--bot", "gamma"))
            Assert.Equal(2, await unknown.WaitAsync(Bound));

        var broken = Temp("broken");
        Directory.CreateDirectory(broken);
        File.WriteAllText(Path.Combine(broken, "manifest.json"), "{ not json");
        await using (var unreadable = ChildProcess.Tbot("analytics", "--journal", broken))
            Assert.Equal(1, await unreadable.WaitAsync(Bound));
    }

    [Fact]
    public async Task A_journaled_backtest_gives_analytics_whose_totals_equal_the_backtests_own()
    {
        using var catalog = BacktestCommandTests.BookCatalog(out _);
        var journal = Path.Combine(catalog.Root, "bt-journal");
        var backtestJson = Path.Combine(catalog.Root, "bt.json");
        var analyticsJson = Path.Combine(catalog.Root, "an.json");
        Assert.Equal(0, await Program.MainAsync(["backtest", "--data", catalog.Root, "--journal", journal, "--json", backtestJson]));
        Assert.Equal(0, await Program.MainAsync(["analytics", "--journal", journal, "--json", analyticsJson]));
        using var bt = JsonDocument.Parse(File.ReadAllText(backtestJson));
        using var an = JsonDocument.Parse(File.ReadAllText(analyticsJson));
        var b = bt.RootElement;
        var total = an.RootElement.GetProperty("pnl").GetProperty("total");
        Assert.True(b.GetProperty("trades").GetInt64() > 0, "the sample bots should trade the random walk");
        Assert.Equal(b.GetProperty("trades").GetInt64(), total.GetProperty("fills").GetInt64());
        Assert.Equal(b.GetProperty("fees").GetDecimal(), total.GetProperty("fees").GetDecimal());
        Assert.Equal(b.GetProperty("pnl").GetDecimal(), total.GetProperty("net").GetDecimal());
        Assert.Equal(b.GetProperty("orders").GetInt64(), an.RootElement.GetProperty("fill_ratio").GetProperty("total").GetProperty("submitted").GetInt64());
        foreach (var bot in b.GetProperty("bots").EnumerateArray())
        {
            var row = an.RootElement.GetProperty("pnl").GetProperty("by_bot").EnumerateArray().Single(r => r.GetProperty("bot").GetInt32() == bot.GetProperty("id").GetInt32());
            Assert.Equal(bot.GetProperty("pnl").GetDecimal(), row.GetProperty("net").GetDecimal());
            Assert.Equal(bot.GetProperty("realised").GetDecimal(), row.GetProperty("realised").GetDecimal());
        }
        // A backtest writes a fresh journal: an existing one is refused before anything runs.
        Assert.Equal(2, await Program.MainAsync(["backtest", "--data", catalog.Root, "--journal", journal]));
    }

    /// <summary>The trades-only hand check journaled: the buy filled at 98.01 against the print 98.00, the sell at 99.99
    /// against 100.00, so each paid 0.01 over the mid the backtest quoted around (1.0204 and 1 bps); no order lacks a mid.</summary>
    [Fact]
    public async Task A_trades_only_backtest_journal_measures_slippage_against_the_print_the_backtest_quoted_around()
    {
        using var catalog = BacktestCommandTests.TradesOnlyCatalog(out var config);
        var journal = Path.Combine(catalog.Root, "bt-journal");
        var json = Path.Combine(catalog.Root, "an.json");
        Assert.Equal(0, await Program.MainAsync(["backtest", "--data", catalog.Root, "--config", config, "--journal", journal]));
        Assert.Equal(0, await Program.MainAsync(["analytics", "--journal", journal, "--json", json]));
        using var doc = JsonDocument.Parse(File.ReadAllText(json));
        var total = doc.RootElement.GetProperty("slippage").GetProperty("total");
        Assert.True(2 == total.GetProperty("fills").GetInt64(), File.ReadAllText(json));
        Assert.Equal(0, total.GetProperty("no_mid_orders").GetInt64());
        Assert.Equal(0.02m, total.GetProperty("money").GetDecimal());
        Assert.Equal(1.0102, total.GetProperty("mean_bps").GetDouble(), 3);
        Assert.Equal(1.782m, doc.RootElement.GetProperty("pnl").GetProperty("total").GetProperty("net").GetDecimal());
    }

    [Fact]
    public async Task A_running_engine_serves_analytics_that_agree_with_api_bots_and_refuses_bad_parameters()
    {
        const string token = "analytics-test-token";
        var port = FreePort.Next();
        var ct = TestContext.Current.CancellationToken;
        await using var tbot = ChildProcess.Tbot("run", "--http", $"127.0.0.1:{port}", "--http-token", token, "--duration", "300s",
            "--journal", Temp("journal"), "--sim-rate", "3000");
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var anonymous = new HttpClient { BaseAddress = http.BaseAddress };

        // Trading happens: analytics see fills.
        await Eventually.Get(async () =>
        {
            var doc = await TryGet(http, "/api/analytics", ct);
            return doc?.RootElement.GetProperty("pnl").GetProperty("total").GetProperty("fills").GetInt64() > 0 ? doc : null;
        }, Bound, () => $"/api/analytics never showed a fill; tbot:\n{tbot.Tail()}", () => tbot.HasExited);

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/analytics", ct)).StatusCode);
        var garbage = await http.GetAsync("/api/analytics?from=garbage", ct);
        Assert.Equal(HttpStatusCode.BadRequest, garbage.StatusCode);
        Assert.Contains("garbage", await garbage.Content.ReadAsStringAsync(ct));
        Assert.Equal(HttpStatusCode.BadRequest, (await http.GetAsync("/api/analytics?bot=nobody", ct)).StatusCode);
        var windowed = await http.GetAsync($"/api/analytics?from={Uri.EscapeDataString(DateTime.UtcNow.AddMinutes(-10).ToString("O"))}&bot=1", ct);
        Assert.Equal(HttpStatusCode.OK, windowed.StatusCode);

        // Stop trading (kill every bot: orders cancelled, positions frozen), then the projection catches up with the core.
        Assert.Equal(HttpStatusCode.Accepted, (await http.PostAsync("/api/kill", null, ct)).StatusCode);
        var last = "";
        await Eventually.Get(async () =>
        {
            var bots = await TryGet(http, "/api/bots", ct);
            var analytics = await TryGet(http, "/api/analytics", ct);
            if (bots is null || analytics is null) return null;
            var expected = bots.RootElement.EnumerateArray().ToDictionary(b => b.GetProperty("id").GetInt32(),
                b => string.Join(",", b.GetProperty("positions").EnumerateObject().Select(p => $"{p.Name}={p.Value.GetString()}")));
            var actual = expected.Keys.ToDictionary(id => id, id => string.Join(",", analytics.RootElement.GetProperty("pnl").GetProperty("by_bot_instrument").EnumerateArray()
                .Where(r => r.GetProperty("bot").GetInt32() == id).Select(r => $"{r.GetProperty("instrument").GetString()}={r.GetProperty("position").GetString()}")));
            var halted = bots.RootElement.EnumerateArray().All(b => b.GetProperty("state").GetString() == "killed" && b.GetProperty("open_orders").GetInt32() == 0);
            last = $"bots {bots.RootElement.GetRawText()}\nanalytics positions {string.Join(" | ", actual.Select(kv => $"{kv.Key}: {kv.Value}"))}";
            var agree = halted && expected.All(kv => actual[kv.Key] == kv.Value)
                && analytics.RootElement.GetProperty("rejections").GetProperty("kill_switch_count").GetInt64() >= expected.Count;
            return agree ? analytics : null;
        }, Bound, () => $"/api/analytics never agreed with /api/bots after the kill; last:\n{last}", () => tbot.HasExited);
    }

    private static async Task<JsonDocument?> TryGet(HttpClient http, string path, CancellationToken ct)
    {
        try
        {
            var response = await http.GetAsync(path, ct);
            return response.IsSuccessStatusCode ? JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct)) : null;
        }
        catch (HttpRequestException) { return null; }
    }
}

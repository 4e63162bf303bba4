using System.Net;
using Microsoft.Playwright;
using TBot.Host.Tests.Http;

namespace TBot.Host.Tests.Dashboard;

/// <summary>The dashboard of a running <c>tbot run --http --http-token</c> (the simulator) in real headless Chromium,
/// driven by Playwright with the system browser (nothing downloaded).</summary>
public sealed class DashboardBrowserTests
{
    private const string Chromium = "/usr/bin/chromium";
    private const string Token = "dash-s3cret";
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task The_page_shows_venues_connected_live_prices_that_change_and_the_sample_bots()
    {
        var ct = TestContext.Current.CancellationToken;
        Assert.True(File.Exists(Chromium), "chromium is not installed: apt-get install -y chromium");
        var port = FreePort.Next();
        var journal = Path.Combine(Path.GetTempPath(), $"tbot-{Guid.NewGuid():N}-journal");
        await using var tbot = ChildProcess.Tbot("run", "--http", $"127.0.0.1:{port}", "--http-token", Token, "--duration", "180s", "--journal", journal);
        var baseUrl = $"http://127.0.0.1:{port}";

        // Read-only access needs the token too: without it the page and the feed are refused, with ?token= the page is served.
        using var http = new HttpClient(new HttpClientHandler { UseCookies = false }) { BaseAddress = new Uri(baseUrl) };
        var refused = await Eventually.Get(async () =>
        {
            try { return await http.GetAsync("/", ct); }
            catch (HttpRequestException) { return null; } // not listening yet
        }, Bound, () => $"nothing served on {port}; tbot:\n{tbot.Tail()}", () => tbot.HasExited);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("/ws", ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync($"/metrics?token={Token}", ct)).StatusCode); // the query is for the dashboard only
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("/?token=wrong", ct)).StatusCode);
        var page = await http.GetAsync($"/?token={Token}", ct);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains(page.Headers.GetValues("Set-Cookie"), c => c.StartsWith("tbot_token=", StringComparison.Ordinal) && c.Contains("httponly", StringComparison.OrdinalIgnoreCase));

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox"], // CI runs as root
        });
        var tab = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 1300 } });
        var errors = new List<string>();
        tab.PageError += (_, e) => errors.Add(e);
        await tab.GotoAsync($"{baseUrl}/?token={Token}");
        Assert.Equal($"{baseUrl}/", tab.Url); // the page took the token out of the address bar

        // The three venues connected (from the feed's "venues" messages).
        foreach (var venue in new[] { "binance", "coinbase", "okx" })
            await Until(tab, $"tr[data-venue='{venue}'] .status", text => text == "up", $"venue {venue} up", tbot);
        Assert.Equal("live", await tab.InnerTextAsync("#feed-status"));

        // A BTCUSDT@binance price, read twice from the DOM, that changes.
        const string row = "tr[data-instrument='BTCUSDT@binance']";
        var first = await Until(tab, $"{row} .bid", t => decimal.TryParse(t, System.Globalization.CultureInfo.InvariantCulture, out var p) && p > 0, "a BTCUSDT@binance bid", tbot);
        var firstAsk = await tab.InnerTextAsync($"{row} .ask");
        var changed = await Eventually.Get(async () =>
        {
            var bid = await tab.InnerTextAsync($"{row} .bid");
            var ask = await tab.InnerTextAsync($"{row} .ask");
            return bid != first || ask != firstAsk ? $"{bid} / {ask}" : null;
        }, Bound, () => $"BTCUSDT@binance stayed at {first} / {firstAsk}; tbot:\n{tbot.Tail()}", () => tbot.HasExited);
        Assert.NotEqual($"{first} / {firstAsk}", changed);

        // The sample bots, their depth table and throughput sparklines.
        foreach (var (id, name) in new[] { (1, "mm-btcusdt"), (2, "mr-ethusdt"), (3, "xv-btc") })
            await Until(tab, $"tr[data-bot='{id}'] .name", t => t == $"{id}: {name}", $"bot {name}", tbot);
        Assert.Equal("active", await tab.InnerTextAsync("tr[data-bot='1'] .state"));
        await Until(tab, "#depth tbody", t => t.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length >= 5, "depth levels", tbot);
        await Until(tab, "#throughput [data-series='binance'] b", t => t != "–", "a binance throughput sample", tbot);
        await Until(tab, "#latency [data-series='journal_fsync'] b", t => t != "–", "a journal fsync sample", tbot);
        // Per-stage latency from the hot path's recorders, and control-plane events from the bus (orders of the sample bots).
        await Until(tab, "#latency [data-series='queue_p99'] b", t => t != "–", "a ring queue p99 sample", tbot);
        await Until(tab, "#events tbody", t => t.Length > 0, "an event-bus event", tbot);
        // The analytics panel (GET /api/analytics every 5 s): PnL rows with fills, order latencies, rejections.
        await Until(tab, "#an-pnl tbody tr:last-child td:last-child", t => long.TryParse(t, out var fills) && fills > 0, "analytics PnL with fills", tbot);
        await Until(tab, "#an-lat tbody", t => t.Contains("submit → first fill") && t.Contains("feed binance"), "analytics latencies", tbot);
        await Until(tab, "#an-rej tbody", t => t.Contains("kill switches"), "analytics rejections", tbot);
        Assert.Empty(errors);

        var shot = Path.Combine(AppContext.BaseDirectory, "TestResults", $"dashboard-{DateTime.UtcNow:yyyyMMdd-HHmmss}.png");
        Directory.CreateDirectory(Path.GetDirectoryName(shot)!);
        await tab.ScreenshotAsync(new PageScreenshotOptions { Path = shot, FullPage = true });
        Assert.True(new FileInfo(shot).Length > 10_000, "the screenshot has content");
        TestContext.Current.SendDiagnosticMessage($"dashboard screenshot: {shot}");
        Console.WriteLine($"dashboard screenshot: {shot}");
        TestContext.Current.AddAttachment("dashboard.png", await File.ReadAllBytesAsync(shot, ct), "image/png");

        Assert.Equal(0, await tbot.StopAsync(Bound));
        try { Directory.Delete(journal, recursive: true); } catch (IOException) { }
    }

    // Polls an element's text until it satisfies the condition (bounded; gives up early if tbot exits).
    private static Task<string> Until(IPage tab, string selector, Func<string, bool> ok, string what, ChildProcess tbot) =>
        Eventually.Get(async () =>
        {
            var element = await tab.QuerySelectorAsync(selector);
            var text = element is null ? null : (await element.InnerTextAsync()).Trim();
            return text is not null && ok(text) ? text : null;
        }, Bound, () => $"the dashboard never showed {what} ({selector}); tbot:\n{tbot.Tail()}", () => tbot.HasExited);
}

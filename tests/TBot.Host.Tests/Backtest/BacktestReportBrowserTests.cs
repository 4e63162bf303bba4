using System.Text.Json;
using Microsoft.Playwright;

namespace TBot.Host.Tests.Backtest;

/// <summary>The HTML report of a backtest rendered in real headless Chromium (Playwright with the system browser):
/// the plots are drawn and the numbers shown are the JSON's.</summary>
public sealed class BacktestReportBrowserTests
{
    private const string Chromium = "/usr/bin/chromium";

    [Fact]
    public async Task The_report_renders_its_plots_and_shows_the_numbers_of_the_json()
    {
        Assert.True(File.Exists(Chromium), "chromium is not installed: apt-get install -y chromium");
        using var catalog = BacktestCommandTests.BookCatalog(out _);
        var json = Path.Combine(catalog.Root, "r.json");
        var html = Path.Combine(catalog.Root, "r.html");
        Assert.Equal(0, await Program.MainAsync(["backtest", "--data", catalog.Root, "--json", json, "--report", html, "--sample-ms", "1000"]));
        using var doc = JsonDocument.Parse(File.ReadAllText(json));
        var r = doc.RootElement;
        Assert.DoesNotContain("http://", File.ReadAllText(html).Replace("http://www.w3.org/2000/svg", "", StringComparison.Ordinal)); // self-contained

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = Chromium, Headless = true, Args = ["--no-sandbox"] });
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1000, Height = 1400 } });
        var errors = new List<string>();
        page.PageError += (_, e) => errors.Add(e);
        await page.GotoAsync(new Uri(html).AbsoluteUri);

        foreach (var id in new[] { "equity", "drawdown" })
        {
            var d = await page.GetAttributeAsync($"#{id}-path", "d");
            Assert.NotNull(d);
            Assert.Equal(r.GetProperty("equity_curve").GetArrayLength(), d!.Count(ch => ch is 'M' or 'L'));
            var box = await page.Locator($"#{id}-plot").BoundingBoxAsync();
            Assert.True(box is { Width: > 100, Height: > 100 }, $"{id} plot is not laid out");
        }
        foreach (var metric in new[] { "pnl", "trades", "sharpe", "max_drawdown", "state_hash", "win_rate", "fees" })
        {
            var shown = await page.InnerTextAsync($"td[data-metric='{metric}']");
            var value = r.GetProperty(metric);
            Assert.Equal(value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText(), shown);
        }
        foreach (var bot in r.GetProperty("bots").EnumerateArray())
            Assert.Equal(bot.GetProperty("pnl").GetRawText(), await page.InnerTextAsync($"tr[data-bot='{bot.GetProperty("id").GetInt32()}'] td.pnl"));
        Assert.Equal(Math.Min(200, r.GetProperty("trade_list").GetArrayLength()) + 1, await page.Locator("#trades tr").CountAsync());
        Assert.Empty(errors);

        var artifacts = Path.Combine(AppContext.BaseDirectory, "TestResults");
        Directory.CreateDirectory(artifacts);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(artifacts, "backtest-report.png"), FullPage = true });
    }
}

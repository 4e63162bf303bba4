using System.Globalization;
using Microsoft.Playwright;

namespace TBot.Host.Tests.Optimize;

/// <summary>The optimisation report rendered in real headless Chromium: the heat map is laid out with one cell per
/// combination run, the ranked table shows the JSON's runs in its order.</summary>
public sealed class OptimizeReportBrowserTests
{
    private const string Chromium = "/usr/bin/chromium";

    [Fact]
    public async Task The_report_renders_the_heat_map_and_the_ranked_runs_of_the_json()
    {
        Assert.True(File.Exists(Chromium), "chromium is not installed: apt-get install -y chromium");
        using var catalog = OptimizeCommandTests.Klines(out var config);
        var html = Path.Combine(catalog.Root, "opt.html");
        var report = await OptimizeCommandTests.Optimize(catalog, config, "opt", "--report", html);
        var runs = report.GetProperty("runs").EnumerateArray().ToList();
        Assert.DoesNotContain("http://", File.ReadAllText(html).Replace("http://www.w3.org/2000/svg", "", StringComparison.Ordinal)); // self-contained

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = Chromium, Headless = true, Args = ["--no-sandbox"] });
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1000, Height = 1200 } });
        var errors = new List<string>();
        page.PageError += (_, e) => errors.Add(e);
        await page.GotoAsync(new Uri(html).AbsoluteUri);

        var box = await page.Locator("#heatmap").BoundingBoxAsync();
        Assert.True(box is { Width: > 100, Height: > 100 }, "heat map is not laid out");
        Assert.Equal(runs.Count, await page.Locator("#heatmap rect.cell").CountAsync());
        // The best run's cell carries its objective; a grid of entry_z × window_bars has one run per cell.
        var best = runs[0].GetProperty("parameters");
        var cell = page.Locator($"#heatmap rect.cell[data-x='{best.GetProperty("entry_z").GetString()}'][data-y='{best.GetProperty("window_bars").GetString()}']");
        Assert.Equal(runs[0].GetProperty("objective").GetDouble(), double.Parse((await cell.GetAttributeAsync("data-objective"))!, CultureInfo.InvariantCulture));

        Assert.Equal(runs.Count + 1, await page.Locator("#runs tr").CountAsync());
        foreach (var run in runs)
        {
            var row = page.Locator($"#runs tr[data-rank='{run.GetProperty("rank").GetInt32()}']");
            Assert.Equal(run.GetProperty("pnl").GetDecimal(), decimal.Parse(await row.Locator("td.pnl").InnerTextAsync(), CultureInfo.InvariantCulture));
            Assert.Equal(run.GetProperty("state_hash").GetString(), await row.Locator("td.hash").InnerTextAsync());
        }
        Assert.Empty(errors);

        var artifacts = Path.Combine(AppContext.BaseDirectory, "TestResults");
        Directory.CreateDirectory(artifacts);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(artifacts, "optimize-report.png"), FullPage = true });
    }
}

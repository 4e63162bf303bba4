using TBot.Host.Analytics;
using TBot.Host.Dashboard;
using TBot.Persistence.Projections;
using static TBot.Host.Tests.Analytics.AnalyticsJournal;

namespace TBot.Host.Tests.Analytics;

/// <summary>
/// The analytics of <see cref="AnalyticsJournal.Scenario"/>, computed by hand:
/// <list type="bullet">
/// <item>alpha (bot 1, mm) on BTC: buys 0.1 @ 10001.50 and 0.1 @ 10002.00 on day 1 (cost 2000.35, fees 0.2); at day 1's
/// end mid 10011.00 → unrealised 0.2 × 10011 − 2000.35 = 1.85. Day 2: sells 0.1 @ 10020.00 (fee 0.1): cost share
/// 1000.175, realised 1002.00 − 1000.175 = 1.825; left 0.1 at cost 1000.175, mark 10011 → unrealised 0.925.
/// Day 1 net 1.85 − 0.2 = 1.65; day 2 net 1.825 + (0.925 − 1.85) − 0.1 = 0.80; total 2.45.</item>
/// <item>beta (bot 2, trend) on ETH: sells 1 @ 2000.00 (fee 0.2) at market; day 1's end mid 1990.20 → unrealised 9.80,
/// net 9.60. Day 2 buys 1 @ 1989.00 (fee 0.2) → realised 2000 − 1989 = 11.00, flat; net 11 − 9.80 − 0.2 = 1.00; total 10.60.</item>
/// <item>Slippage (adverse positive): alpha +0.50, +1.00 against mid 10001.00 and −9.00 (sold 10020 above mid 10011);
/// beta +0.20 (sold 2000.00 under mid 2000.20); beta's day-2 order had a one-sided quote: no mid.</item>
/// </list>
/// </summary>
public sealed class AnalyticsProjectionTests
{
    private static AnalyticsReport Report(AnalyticsJournal j, long? from = null, long? to = null, int? bot = null)
    {
        var projection = AnalyticsScan.Run(j.Path, new AnalyticsWindow(from, to));
        return projection.Report(bot, AnalyticsBot.FromManifest(projection.Manifest));
    }

    [Fact]
    public void Pnl_by_bot_strategy_instrument_and_day_matches_the_hand_computation()
    {
        using var j = Scenario();
        var r = Report(j);
        var alpha = Assert.Single(r.Pnl.ByBot, b => b.Bot == 1);
        Assert.Equal(("alpha", "mm"), (alpha.Name, alpha.Strategy));
        Assert.Equal((1.825m, 0.925m, 0.3m, 2.45m, 3002.35m, 3L), (alpha.Realised, alpha.Unrealised, alpha.Fees, alpha.Net, alpha.Volume, alpha.Fills));
        var beta = Assert.Single(r.Pnl.ByBot, b => b.Bot == 2);
        Assert.Equal((11m, 0m, 0.4m, 10.6m, 3989m, 2L), (beta.Realised, beta.Unrealised, beta.Fees, beta.Net, beta.Volume, beta.Fills));
        Assert.Equal((12.825m, 0.7m, 13.05m), (r.Pnl.Total.Realised, r.Pnl.Total.Fees, r.Pnl.Total.Net));
        Assert.Equal(["mm", "trend"], r.Pnl.ByStrategy.Select(s => s.Strategy));
        Assert.Equal(2.45m, r.Pnl.ByStrategy[0].Net);
        Assert.Equal(["BTCUSDT@binance", "ETH-USDT@okx"], r.Pnl.ByInstrument.Select(i => i.Instrument));
        Assert.Equal(10.6m, r.Pnl.ByInstrument[1].Net);

        Assert.Equal(["2026-01-05", "2026-01-06"], r.Pnl.ByDay.Select(d => d.Day));
        Assert.Equal((0m, 11.65m, 0.4m, 11.25m, 3L), (r.Pnl.ByDay[0].Realised, r.Pnl.ByDay[0].UnrealisedChange, r.Pnl.ByDay[0].Fees, r.Pnl.ByDay[0].Net, r.Pnl.ByDay[0].Fills));
        Assert.Equal((12.825m, -10.725m, 0.3m, 1.8m), (r.Pnl.ByDay[1].Realised, r.Pnl.ByDay[1].UnrealisedChange, r.Pnl.ByDay[1].Fees, r.Pnl.ByDay[1].Net));
        var alphaDay2 = Assert.Single(r.Pnl.ByDayBotInstrument, d => d.Day == "2026-01-06" && d.Bot == 1);
        Assert.Equal((1.825m, -0.925m, 0.1m, 0.8m, 1002m), (alphaDay2.Realised, alphaDay2.UnrealisedChange, alphaDay2.Fees, alphaDay2.Net, alphaDay2.Volume));
        // The days add up to the window.
        Assert.Equal(r.Pnl.Total.Net, r.Pnl.ByDay.Sum(d => d.Net));
    }

    [Fact]
    public async Task Pnl_by_bot_equals_the_dashboard_projection_of_the_same_journal()
    {
        using var j = Scenario();
        var r = Report(j);
        var dashboard = new DashboardProjection(j.Writer.Manifest);
        using (var tail = new JournalTail(j.Path))
        {
            long read = 0;
            while (tail.TryReadBatch(read, out var batch))
            {
                await dashboard.ApplyAsync(batch, CancellationToken.None);
                read = batch.LastPosition;
            }
        }
        var bots = dashboard.Bots([(1, "alpha", "mm"), (2, "beta", "trend")]).Bots;
        foreach (var b in bots)
        {
            var row = Assert.Single(r.Pnl.ByBot, p => p.Bot == b.Id);
            Assert.Equal((decimal.Parse(b.Realised), decimal.Parse(b.Unrealised), decimal.Parse(b.Fees), decimal.Parse(b.Total)),
                (row.Realised, row.Unrealised, row.Fees, row.Net));
        }
    }

    [Fact]
    public void Slippage_is_signed_against_the_mid_at_the_submit_decision_and_orders_without_a_mid_are_counted_apart()
    {
        using var j = Scenario();
        var r = Report(j);
        var alpha = Assert.Single(r.Slippage.ByBotInstrument, s => s.Bot == 1);
        double[] bps = [0.5 / 10001 * 1e4, 1.0 / 10001 * 1e4, -9.0 / 10011 * 1e4];
        double[] notional = [1000.15, 1000.20, 1002.00];
        Assert.Equal(3, alpha.Fills);
        Assert.Equal(Math.Round(bps.Average(), 4), alpha.MeanBps);
        Assert.Equal(0.5, alpha.MedianBps);   // sorted −8.99, 0.50, 1.00 (hundredths of a bp)
        Assert.Equal(1.0, alpha.P95Bps);      // rank ⌈0.95 × 3⌉ = 3
        Assert.Equal(Math.Round(bps.Zip(notional, (b, n) => b * n).Sum() / notional.Sum(), 4), alpha.WeightedBps, 4);
        Assert.Equal(-0.75m, alpha.Money);    // 0.05 + 0.10 − 0.90
        Assert.Equal(-2.5m, decimal.Parse(alpha.MeanPrice!));
        Assert.Equal((0L, 0L), (alpha.NoMidOrders, alpha.NoMidFills));
        var beta = Assert.Single(r.Slippage.ByBotInstrument, s => s.Bot == 2);
        Assert.Equal((1L, 1L, 1L), (beta.Fills, beta.NoMidOrders, beta.NoMidFills));
        Assert.Equal(Math.Round(0.2 / 2000.2 * 1e4, 4), beta.MeanBps);
        Assert.Equal(0.2m, beta.Money);
        Assert.Equal(-0.55m, r.Slippage.Total.Money);
        Assert.Equal(4, r.Slippage.Total.Fills);
    }

    [Fact]
    public void Fill_ratios_count_each_order_by_outcome_and_quantity()
    {
        using var j = Scenario();
        var r = Report(j);
        var alpha = Assert.Single(r.FillRatio.ByBotInstrumentType, f => f.Bot == 1);
        Assert.Equal(("limit", 3L, 2L, 1L, 1L, 0L, 1L, 0L), (alpha.Type, alpha.Submitted, alpha.WithFill, alpha.FullyFilled, alpha.Cancelled, alpha.Rejected, alpha.Expired, alpha.Open));
        Assert.Equal(("0.6", "0.3", 0.5), (alpha.SubmittedQuantity, alpha.FilledQuantity, alpha.QuantityRatio));
        Assert.Equal(Math.Round(2.0 / 3, 4), alpha.FillRate);
        var market = Assert.Single(r.FillRatio.ByType, f => f.Type == "market");
        Assert.Equal((1L, 1L, 1L), (market.Submitted, market.WithFill, market.FullyFilled));
        var limit = Assert.Single(r.FillRatio.ByType, f => f.Type == "limit");
        Assert.Equal((4L, 3L, 2L), (limit.Submitted, limit.WithFill, limit.FullyFilled));
        Assert.Equal((5L, 0L), (r.FillRatio.Total.Submitted, r.FillRatio.Total.Open));
        Assert.Equal(0, r.Journal.OpenOrders); // every order reached a final status: nothing kept
    }

    [Fact]
    public void Latency_percentiles_of_the_known_sets()
    {
        using var j = Scenario();
        var r = Report(j);
        // submit → accepted: 2, 2, 2, 5 ms; submit → first fill: 10, 1, 10, 10 ms; cancel → cancelled: 5 ms.
        AssertLatency(r.Latency.SubmitToAccepted, 4, p50: 2 * Ms, p90: 5 * Ms, p99: 5 * Ms, max: 5 * Ms, mean: 11 * Ms / 4);
        AssertLatency(r.Latency.SubmitToFirstFill, 4, p50: 10 * Ms, p90: 10 * Ms, p99: 10 * Ms, max: 10 * Ms, mean: 31 * Ms / 4);
        AssertLatency(r.Latency.CancelToCancelled, 1, p50: 5 * Ms, p90: 5 * Ms, p99: 5 * Ms, max: 5 * Ms, mean: 5 * Ms);
        AssertLatency(r.Latency.Feed["binance"], 2, p50: BinanceFeedNs, p90: BinanceFeedNs, p99: BinanceFeedNs, max: BinanceFeedNs, mean: BinanceFeedNs);
        AssertLatency(r.Latency.Feed["okx"], 3, p50: OkxFeedNs, p90: OkxFeedNs, p99: OkxFeedNs, max: OkxFeedNs, mean: OkxFeedNs);
        Assert.Null(r.Latency.Stages);
        var beta = Assert.Single(r.Latency.ByBot, b => b.Bot == 2);
        Assert.Equal(1, beta.SubmitToAccepted.Count);
    }

    private static void AssertLatency(LatencyRow row, long count, long p50, long p90, long p99, long max, long mean)
    {
        Assert.Equal(count, row.Count);
        Assert.Equal(max, row.MaxNs);
        Assert.Equal(mean, row.MeanNs);
        // HdrHistogram at 3 significant digits: within 0.1%.
        foreach (var (actual, expected) in new[] { (row.P50Ns, p50), (row.P90Ns, p90), (row.P99Ns, p99) })
            Assert.InRange(actual, expected - expected / 1000, expected + expected / 1000);
    }

    [Fact]
    public void Risk_rejections_by_reason_bot_and_instrument_and_kill_switches_with_cause()
    {
        using var j = Scenario();
        var r = Report(j);
        Assert.Equal(2, r.Rejections.Total);
        Assert.Equal(new SortedDictionary<string, long> { ["max_order_quantity"] = 1, ["price_collar"] = 1 }, r.Rejections.ByReason);
        Assert.Equal(1, Assert.Single(r.Rejections.ByBot, b => b.Bot == 2).ByReason["max_order_quantity"]);
        Assert.Equal(1, Assert.Single(r.Rejections.ByInstrument, b => b.Instrument == "BTCUSDT@binance").ByReason["price_collar"]);
        var kill = Assert.Single(r.Rejections.KillSwitches);
        Assert.Equal((1, "alpha", "manual", -12.5m), (kill.Bot, kill.Name, kill.Cause, kill.Pnl));
        Assert.Equal("2026-01-06T00:00:01.0200000Z", kill.Time);
    }

    [Fact]
    public void A_window_counts_only_its_records_but_marks_positions_opened_before_it()
    {
        using var j = Scenario();
        var day2 = Report(j, from: Day2);
        var alpha = Assert.Single(day2.Pnl.ByBot, b => b.Bot == 1);
        Assert.Equal((1.825m, 1.85m, 0.925m, 0.1m, 0.8m, 1L), (alpha.Realised, alpha.UnrealisedStart, alpha.Unrealised, alpha.Fees, alpha.Net, alpha.Fills));
        Assert.Equal(1m, Assert.Single(day2.Pnl.ByBot, b => b.Bot == 2).Net);
        Assert.Equal(["2026-01-06"], day2.Pnl.ByDay.Select(d => d.Day));
        Assert.Equal((2L, 0L, 1L), (day2.FillRatio.Total.Submitted, day2.Rejections.Total, day2.Rejections.KillSwitchCount));

        var day1 = Report(j, from: Day1, to: Day2);
        Assert.Equal((1.65m, 9.6m), (day1.Pnl.ByBot[0].Net, day1.Pnl.ByBot[1].Net));
        Assert.Equal((3L, 2L, 0L), (day1.FillRatio.Total.Submitted, day1.Rejections.Total, day1.Rejections.KillSwitchCount));
        Assert.Equal(day1.Pnl.Total.Net + day2.Pnl.Total.Net, Report(j).Pnl.Total.Net);
    }

    [Fact]
    public void A_bot_filter_keeps_that_bot_only()
    {
        using var j = Scenario();
        var bots = AnalyticsBot.FromManifest(j.Writer.Manifest);
        Assert.True(AnalyticsBot.TryResolve("beta", bots, out var id, out _));
        Assert.Equal(2, id);
        Assert.False(AnalyticsBot.TryResolve("gamma", bots, out _, out var error));
        Assert.Contains("1:alpha", error);
        var r = Report(j, bot: 2);
        Assert.Equal(2, Assert.Single(r.Pnl.ByBot).Bot);
        Assert.Equal(10.6m, r.Pnl.Total.Net);
        Assert.Equal(["trend"], r.Pnl.ByStrategy.Select(s => s.Strategy));
        Assert.Equal(1, r.Rejections.Total);
        Assert.Empty(r.Rejections.KillSwitches);
        Assert.Equal(2, r.FillRatio.Total.Submitted);
    }

    [Fact]
    public void The_same_journal_gives_identical_json()
    {
        using var j = Scenario();
        var a = AnalyticsJson.Serialize(Report(j));
        var b = AnalyticsJson.Serialize(Report(j));
        Assert.Equal(a, b);
        Assert.Contains("\"fill_ratio\"", a);
        Assert.Contains("\"by_day\"", a);
    }
}

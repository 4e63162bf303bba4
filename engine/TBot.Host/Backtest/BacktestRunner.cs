using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging;
using TBot.Engine.Backtest;
using TBot.Engine.Events;
using TBot.Engine.Execution.Paper;
using TBot.Engine.Numerics;
using TBot.Engine.Orders;
using TBot.Engine.Ring;
using TBot.Engine.Trading;
using TBot.Host.Trading;

namespace TBot.Host.Backtest;

/// <summary>
/// Runs one backtest: the data's market events merged by time, engine-time timers and the start-up control events
/// published through a ring into the same <see cref="TradingCore"/> (bots, risk, order manager, paper gateway) a
/// live run builds from the same profile; then the results (see README.md in this folder).
/// </summary>
public sealed class BacktestRunner(ILoggerFactory loggers)
{
    private readonly ILogger _log = loggers.CreateLogger("tbot.backtest");

    public sealed record Settings
    {
        public required BacktestData Data { get; init; }
        public required TradingProfile Profile { get; init; }
        public long? FromNs { get; init; }
        public long? ToNs { get; init; }
        public long SampleIntervalNs { get; init; } = 60_000_000_000;
        public int MaxCurvePoints { get; init; } = 1_000;
        public int MaxTrades { get; init; } = 1_000;
        public decimal Capital { get; init; } = 10_000m;
        public int RingSize { get; init; } = 1 << 16;
        /// <summary>Also write the backtest as a journal here (see <see cref="Analytics.BacktestJournal"/>); null: no journal.</summary>
        public string? JournalDirectory { get; init; }
    }

    /// <summary>The profile a backtest uses: the configuration's, else the sample bots and limits on the data's
    /// instruments; always paper; queue-aware fills unless the configuration says otherwise.</summary>
    public static TradingProfile Profile(Running.RunConfig? config, BacktestData data, int? timerMs, double? latencyMs, decimal? maker, decimal? taker)
    {
        var execution = config?.Execution ?? new ExecutionConfig();
        var paper = execution.Paper;
        var profile = new TradingProfile
        {
            Bots = config?.Bots ?? DefaultBots.For(data.Registry),
            Risk = config?.Risk ?? DefaultBots.Risk(),
            Execution = new ExecutionConfig
            {
                Mode = "paper",
                Paper = new PaperConfig
                {
                    LatencyMs = latencyMs ?? paper.LatencyMs,
                    MakerFeeBps = maker ?? paper.MakerFeeBps,
                    TakerFeeBps = taker ?? paper.TakerFeeBps,
                    Queue = paper.Queue ?? true,
                    BarSlippageTicks = paper.BarSlippageTicks,
                    BarVolumeFractionBps = paper.BarVolumeFractionBps,
                },
            },
            TimerMs = timerMs ?? config?.TimerMs ?? 100,
        };
        return profile;
    }

    public BacktestResult Run(Settings settings, CancellationToken cancel)
    {
        var data = settings.Data;
        var profile = settings.Profile;
        var registry = data.Registry;
        var recorder = new BacktestRecorder(registry.Count + 1, settings.MaxTrades);
        var decisions = new SwitchableDecisionLog { Target = recorder };
        var core = TradingSetup.Build(profile, registry, decisions, null);
        var journal = settings.JournalDirectory is { } journalDirectory ? Analytics.BacktestJournal.Create(journalDirectory, registry, profile, settings.RingSize) : null;
        if (journal is not null) decisions.Target = new Analytics.TeeDecisionLog(recorder, journal.Queue);
        var gateway = (PaperGateway)core.Gateway;
        foreach (var id in data.BarInstruments)
        {
            gateway.UseBarFills(id);
            core.Market.UseCandleQuotes(id, registry[id].TickSize);
        }
        foreach (var id in data.TradeInstruments) core.Market.UseTradeQuotes(id, registry[id].TickSize);
        var botIds = core.Bots.Select(b => b.BotId).ToArray();
        var sampler = new EquitySampler(core.Orders.Portfolio, core.Market, botIds, settings.SampleIntervalNs, settings.MaxCurvePoints);
        var handler = new BacktestHandler(core, sampler);

        var ring = RingBuffer<MarketEvent>.CreateSingleProducer(settings.RingSize, new YieldingWaitStrategy());
        var pipeline = new EventPipeline<MarketEvent>(ring, new PipelineOptions { Name = "backtest", ExceptionPolicy = HandlerExceptionPolicy.Halt },
            loggers.CreateLogger("tbot.ring"));
        var trading = pipeline.HandleEventsWith("trading", handler);
        if (journal is not null) trading.Then("journal", journal.Handler);
        pipeline.Start();

        using var merger = new EventMerger(data.Leaves, settings.FromNs ?? long.MinValue, settings.ToNs ?? long.MaxValue);
        var feeder = new BacktestFeeder(merger, profile.TimerMs * 1_000_000L);
        var clock = Stopwatch.StartNew();
        feeder.Run(new RingPublisher(ring), cancel);
        if (!pipeline.WaitUntilProcessed(ring.Cursor, TimeSpan.FromMinutes(30)) || pipeline.IsFaulted)
        {
            pipeline.Halt(TimeSpan.FromSeconds(10));
            throw new InvalidOperationException("The trading core stopped on an error during the backtest (see the log).");
        }
        var seconds = clock.Elapsed.TotalSeconds;
        pipeline.Halt(TimeSpan.FromSeconds(10));
        handler.Finish();
        _log.LogInformation("Backtest: {Events} events from {Leaves} leaves in {Seconds:F3} s", feeder.DataEvents, merger.LeavesOpened, seconds);
        return Results(settings, core, recorder, sampler, feeder, merger, seconds);
    }

    private static BacktestResult Results(Settings settings, TradingCore core, BacktestRecorder recorder, EquitySampler sampler,
        BacktestFeeder feeder, EventMerger merger, double seconds)
    {
        var data = settings.Data;
        var profile = settings.Profile;
        var report = TradingReport.From(core);
        var portfolio = core.Orders.Portfolio;
        var bots = new List<BotResult>();
        long turnover = 0, fees = 0, total = 0, roundTrips = 0, wins = 0, makerFills = 0;
        for (var b = 0; b < core.Bots.Count; b++)
        {
            var bot = core.Bots[b];
            var pnl = report.Pnl[TradingReport.BotKey(bot)];
            long botTurnover = 0;
            for (var i = 1; i < portfolio.InstrumentSlots; i++)
            {
                botTurnover += portfolio.Get(bot.BotId, i).Turnover;
                fees += portfolio.Get(bot.BotId, i).Fees;
            }
            var id = bot.BotId;
            bots.Add(new BotResult
            {
                Id = id, Name = bot.Name, Strategy = bot.Strategy.Name, Pnl = pnl.Total, Realised = pnl.Realised, Unrealised = pnl.Unrealised,
                Fees = pnl.Fees, Orders = recorder.BotOrders[id], Fills = recorder.BotFills[id], MakerFills = recorder.BotMakerFills[id],
                RoundTrips = recorder.BotRoundTrips[id], Wins = recorder.BotWins[id], WinRate = Ratio(recorder.BotWins[id], recorder.BotRoundTrips[id]),
                Turnover = Money.ToDecimal(botTurnover), MaxDrawdown = Money.ToDecimal(sampler.BotMaxDrawdown(b)), State = pnl.State,
                Positions = report.Positions[TradingReport.BotKey(bot)],
            });
            turnover += botTurnover;
            total += portfolio.TotalPnl(id, core.Market);
            roundTrips += recorder.BotRoundTrips[id];
            wins += recorder.BotWins[id];
            makerFills += recorder.BotMakerFills[id];
        }

        // Sharpe and Sortino over per-interval equity changes; the capital cancels out of the ratio.
        var n = sampler.Intervals;
        var periodsPerYear = 365.0 * 86_400_000_000_000 / sampler.IntervalNs;
        double sharpe = 0, sortino = 0;
        if (n >= 2)
        {
            var mean = sampler.SumChange / n;
            var variance = (sampler.SumSquares - sampler.SumChange * sampler.SumChange / n) / (n - 1);
            if (variance > 0) sharpe = mean / Math.Sqrt(variance) * Math.Sqrt(periodsPerYear);
            var downside = Math.Sqrt(sampler.SumDownsideSquares / n);
            if (downside > 0) sortino = mean / downside * Math.Sqrt(periodsPerYear);
        }

        var curve = new List<EquityPoint>();
        long peak = 0;
        var times = sampler.CurveTimes;
        var equity = sampler.CurveEquity;
        for (var i = 0; i < times.Length; i++)
        {
            peak = Math.Max(peak, equity[i]);
            curve.Add(new EquityPoint { Time = Iso(times[i]), Equity = Money.ToDecimal(equity[i]), Drawdown = Money.ToDecimal(peak - equity[i]) });
        }
        var trades = new List<TradeRow>();
        foreach (ref readonly var t in recorder.Trades)
        {
            var instrument = data.Registry[t.InstrumentId];
            trades.Add(new TradeRow
            {
                Time = Iso(t.TimeNs), Bot = t.BotId, Instrument = instrument.Key, Side = t.Side == Side.Buy ? "buy" : "sell",
                Price = FixedPoint.ToDecimalString(t.Price, instrument.PriceScale), Quantity = FixedPoint.ToDecimalString(t.Quantity, instrument.QuantityScale),
                Fee = Money.ToDecimal(t.Fee), Realised = Money.ToDecimal(t.RealisedDelta), Maker = t.IsMaker,
            });
        }
        var venueRejects = new SortedDictionary<string, long>(StringComparer.Ordinal);
        for (var code = 0; code < recorder.VenueRejections.Length; code++)
            if (recorder.VenueRejections[code] > 0) venueRejects[VenueRejectName(code + 9000, code == recorder.VenueRejections.Length - 1)] = recorder.VenueRejections[code];
        var paper = profile.Execution.Paper;
        var pnlTotal = Money.ToDecimal(total);
        return new BacktestResult
        {
            Events = feeder.DataEvents,
            TimerEvents = feeder.TimerEvents,
            EventsPerSecond = seconds > 0 ? Math.Round(feeder.DataEvents / seconds) : 0,
            DurationSeconds = Math.Round(seconds, 3),
            Trades = recorder.Fills,
            Pnl = pnlTotal,
            Capital = settings.Capital,
            Return = settings.Capital > 0 ? Math.Round((double)(pnlTotal / settings.Capital), 8) : 0,
            Sharpe = Math.Round(sharpe, 4),
            Sortino = Math.Round(sortino, 4),
            MaxDrawdown = Money.ToDecimal(sampler.MaxDrawdown),
            WinRate = Ratio(wins, roundTrips),
            RoundTrips = roundTrips,
            Turnover = Money.ToDecimal(turnover),
            Exposure = Ratio(sampler.ExposedIntervals, n),
            Fees = Money.ToDecimal(fees),
            Orders = recorder.Orders,
            Fills = recorder.Fills,
            MakerFills = makerFills,
            Cancels = recorder.Cancels,
            Expired = recorder.Expired,
            KillSwitches = recorder.KillSwitches,
            Rejections = new Rejections { Risk = report.RiskRejections, Venue = venueRejects },
            StateHash = report.StateHash,
            Bots = bots,
            Data = new DataRange
            {
                Source = data.Source, Directory = data.Directory, Leaves = merger.LeavesOpened, MaxOpenLeaves = merger.MaxOpen, Kinds = [.. data.Kinds],
                Instruments = data.Registry.All.Select(i => i.Key).ToList(),
                BarInstruments = data.BarInstruments.Select(id => data.Registry[id].Key).ToList(),
                TradeQuoteInstruments = data.TradeInstruments.Select(id => data.Registry[id].Key).ToList(),
                From = settings.FromNs is { } f ? Iso(f) : null, To = settings.ToNs is { } to ? Iso(to) : null,
                FirstEvent = feeder.DataEvents > 0 ? Iso(feeder.FirstNs) : null, LastEvent = feeder.DataEvents > 0 ? Iso(feeder.LastNs) : null,
            },
            FillModel = new FillModel
            {
                Book = paper.Queue == true ? "queue" : "top",
                Bars = data.BarInstruments.Count > 0 ? "next-bar" : "none",
                LatencyMs = paper.LatencyMs, MakerFeeBps = paper.MakerFeeBps, TakerFeeBps = paper.TakerFeeBps,
                BarSlippageTicks = paper.BarSlippageTicks ?? 1, BarVolumeFractionBps = paper.BarVolumeFractionBps ?? 1_000,
            },
            Sampling = new Sampling { IntervalMs = sampler.IntervalNs / 1_000_000, Intervals = n, PeriodsPerYear = Math.Round(periodsPerYear, 4), TimerMs = profile.TimerMs },
            EquityCurve = curve,
            TradeList = trades,
        };
    }

    private static double Ratio(long a, long b) => b > 0 ? Math.Round((double)a / b, 6) : 0;

    public static string Iso(long ns) =>
        new DateTime(DateTime.UnixEpoch.Ticks + ns / 100, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    private static string VenueRejectName(int code, bool other) => other ? "other" : code switch
    {
        PaperRejectCodes.UnknownInstrument => "unknown_instrument",
        PaperRejectCodes.InvalidQuantity => "invalid_quantity",
        PaperRejectCodes.InvalidPrice => "invalid_price",
        PaperRejectCodes.InvalidOrderType => "invalid_order_type",
        PaperRejectCodes.NoQuote => "no_quote",
        PaperRejectCodes.PostOnlyWouldCross => "post_only_would_cross",
        PaperRejectCodes.CapacityExceeded => "capacity_exceeded",
        PaperRejectCodes.PendingQueueFull => "pending_queue_full",
        _ => code.ToString(CultureInfo.InvariantCulture),
    };
}

using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using TBot.Host.Backtest;
using TBot.Host.Trading;

namespace TBot.Host.Optimize;

/// <summary>
/// Runs one backtest per parameter combination (<see cref="BacktestRunner.Run"/> with the chosen bot alone, its
/// parameters replaced), at most <see cref="Options.Parallel"/> at once on pool threads. Combinations the strategy's
/// validation rejects are reported, not run; combinations already in the state file are taken from it.
/// </summary>
public sealed class Optimizer(ILoggerFactory loggers, Optimizer.Options options)
{
    public sealed record Options
    {
        public required BacktestData Data { get; init; }
        /// <summary>Risk, execution and timer of the backtest; its bots are ignored.</summary>
        public required TradingProfile Profile { get; init; }
        /// <summary>The bot whose parameters are varied; it runs alone.</summary>
        public required BotConfig Bot { get; init; }
        public long SampleIntervalNs { get; init; } = 60_000_000_000;
        public decimal Capital { get; init; } = 10_000m;
        public int Parallel { get; init; } = Environment.ProcessorCount;
        public RunStateFile? State { get; init; }
        /// <summary>Called after each backtest finishes (progress output); may be called from several threads.</summary>
        public Action<RunRecord>? Finished { get; init; }
        /// <summary>Runs one backtest; <see cref="BacktestRunner.Run"/> unless a test puts a failing one in its place.</summary>
        public Func<BacktestRunner.Settings, CancellationToken, BacktestResult>? Backtest { get; init; }
    }

    public sealed record Invalid([property: System.Text.Json.Serialization.JsonPropertyName("parameters")] string Parameters,
        [property: System.Text.Json.Serialization.JsonPropertyName("problems")] List<string> Problems);

    /// <summary>A combination whose backtest threw: reported, kept out of the state file (a rerun tries it again), and
    /// it does not stop the others.</summary>
    public sealed record Failed([property: System.Text.Json.Serialization.JsonPropertyName("parameters")] string Parameters,
        [property: System.Text.Json.Serialization.JsonPropertyName("error")] string Error);

    public sealed record Outcome(List<RunRecord> Runs, List<Invalid> Invalid, List<Failed> Failed, int Executed, int Resumed);

    /// <summary>Run <paramref name="sets"/> on the window [from, to] (inclusive; null = the data's edge).</summary>
    public Outcome Evaluate(IReadOnlyList<ParameterSet> sets, long? fromNs, long? toNs, CancellationToken cancel)
    {
        var context = Context(fromNs, toNs);
        var runs = new List<RunRecord>();
        var invalid = new List<Invalid>();
        var pending = new List<(ParameterSet Set, TradingProfile Profile)>();
        var resumed = 0;
        foreach (var set in sets)
        {
            if (options.State is { } state && state.TryGet(context, set.Text, out var done))
            {
                runs.Add(done);
                resumed++;
                continue;
            }
            var profile = ProfileFor(set);
            var problems = TradingSetup.Validate(profile, options.Data.Registry);
            if (problems.Count > 0) invalid.Add(new Invalid(set.Text, problems));
            else pending.Add((set, profile));
        }
        var backtest = options.Backtest ?? new BacktestRunner(loggers).Run;
        var log = loggers.CreateLogger<Optimizer>();
        var finished = new List<RunRecord>();
        var failed = new List<Failed>();
        Parallel.ForEach(pending, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.Parallel), CancellationToken = cancel }, item =>
        {
            BacktestResult result;
            try
            {
                result = backtest(new BacktestRunner.Settings
                {
                    Data = options.Data, Profile = item.Profile, FromNs = fromNs, ToNs = toNs,
                    SampleIntervalNs = options.SampleIntervalNs, Capital = options.Capital,
                    MaxTrades = 1, MaxCurvePoints = 16, RingSize = 1 << 14,
                }, cancel);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // One broken combination must not cost the hours spent on the others.
                log.LogError(e, "optimize: backtest {Parameters} failed", item.Set.Text);
                lock (failed) failed.Add(new Failed(item.Set.Text, $"{e.GetType().Name}: {e.Message}"));
                return;
            }
            var record = new RunRecord { Context = context, Parameters = item.Set.Text, Metrics = RunMetrics.From(result) };
            options.State?.Append(record);
            lock (finished) finished.Add(record);
            options.Finished?.Invoke(record);
        });
        runs.AddRange(finished);
        invalid.Sort((a, b) => string.CompareOrdinal(a.Parameters, b.Parameters));
        failed.Sort((a, b) => string.CompareOrdinal(a.Parameters, b.Parameters));
        return new Outcome(runs, invalid, failed, pending.Count, resumed);
    }

    /// <summary>The backtest profile of one combination: the chosen bot alone, its parameters overridden.</summary>
    public TradingProfile ProfileFor(ParameterSet set)
    {
        var parameters = new Dictionary<string, JsonElement>(options.Bot.Parameters);
        foreach (var (name, value) in set.Values) parameters[name] = JsonSerializer.SerializeToElement(value);
        var bot = new BotConfig { Id = options.Bot.Id, Name = options.Bot.Name, Strategy = options.Bot.Strategy, Parameters = parameters, Risk = options.Bot.Risk };
        return new TradingProfile { Bots = [bot], Risk = options.Profile.Risk, Execution = options.Profile.Execution, TimerMs = options.Profile.TimerMs };
    }

    /// <summary>A short hash of everything besides the varied parameters that decides a run's result.</summary>
    private string Context(long? fromNs, long? toNs)
    {
        var text = JsonSerializer.Serialize(new
        {
            data = options.Data.Directory,
            profile = ProfileFor(new ParameterSet([])).ToJson(),
            from = fromNs, to = toNs, sample = options.SampleIntervalNs, capital = options.Capital,
        });
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];
    }
}

using Microsoft.Extensions.Logging.Abstractions;
using TBot.Host.Backtest;
using TBot.Host.Commands;
using TBot.Host.Optimize;
using TBot.Engine.Strategy;
using TBot.Host.Trading;

namespace TBot.Host.Tests.Optimize;

/// <summary>A backtest that throws costs only its own combination: the others finish and are saved, the failure is
/// reported, and a rerun runs just the failed one.</summary>
public sealed class OptimizerFailureTests
{
    private const string Broken = "entry_z=1.5,window_bars=3";

    [Fact]
    public void A_throwing_backtest_is_reported_the_others_finish_and_a_rerun_does_only_it()
    {
        using var catalog = OptimizeCommandTests.Klines(out var config);
        var problems = new List<string>();
        var data = BacktestData.Discover(catalog.Root, null, null, problems) ?? throw new InvalidOperationException(string.Join(" ", problems));
        var profile = BacktestRunner.Profile(CommandInputs.Config(new FileInfo(config), problems), data, null, null, null, null);
        Assert.Empty(problems);
        var space = ParameterSpace.Parse(OptimizeCommandTests.Grid, StrategyFactory.Describe("mean-reversion"), false, problems)!;
        var sets = space.Grid();
        var statePath = Path.Combine(catalog.Root, "state.jsonl");
        var real = new BacktestRunner(NullLoggerFactory.Instance);

        Optimizer.Outcome first;
        using (var state = new RunStateFile(statePath))
        {
            first = new Optimizer(NullLoggerFactory.Instance, new Optimizer.Options
            {
                Data = data, Profile = profile, Bot = profile.Bots[0], Parallel = 2, State = state,
                Backtest = (settings, cancel) => settings.Profile.Bots[0].Parameters["entry_z"].ToString() == "1.5" && settings.Profile.Bots[0].Parameters["window_bars"].ToString() == "3"
                    ? throw new InvalidOperationException("crafted failure")
                    : real.Run(settings, cancel),
            }).Evaluate(sets, null, null, CancellationToken.None);
        }
        // 8 combinations: 2 invalid (entry_z 0.5), 6 run, of which one threw.
        Assert.Equal(6, first.Executed);
        Assert.Equal(5, first.Runs.Count);
        var failure = Assert.Single(first.Failed);
        Assert.Equal(Broken, failure.Parameters);
        Assert.Contains("crafted failure", failure.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(first.Runs, r => r.Parameters == Broken);
        Assert.Equal(5, File.ReadAllLines(statePath).Length);

        using (var state = new RunStateFile(statePath))
        {
            var second = new Optimizer(NullLoggerFactory.Instance, new Optimizer.Options
            {
                Data = data, Profile = profile, Bot = profile.Bots[0], Parallel = 2, State = state,
            }).Evaluate(sets, null, null, CancellationToken.None);
            Assert.Equal(5, second.Resumed);
            Assert.Equal(1, second.Executed);
            Assert.Empty(second.Failed);
            Assert.Contains(second.Runs, r => r.Parameters == Broken);
            Assert.Equal(6, second.Runs.Count);
        }
    }
}

using System.Text.Json;
using TBot.Engine.Instruments;

namespace TBot.Engine.Strategy;

/// <summary>
/// Creates the built-in strategies by name from configuration parameters, reporting every problem at once, and
/// describes their parameters (names, defaults, units) for documentation and <c>tbot config check</c>.
/// Start-up code: allocates freely.
/// </summary>
public static class StrategyFactory
{
    public static IReadOnlyList<string> Names { get; } = [MarketMaker.StrategyName, MeanReversion.StrategyName, CrossVenueSpread.StrategyName];

    public static bool IsKnown(string name) => Specs(name) is not null;

    /// <summary>The parameters of strategy <paramref name="name"/> with defaults and units.</summary>
    /// <exception cref="ArgumentException">Unknown strategy name.</exception>
    public static IReadOnlyList<ParameterSpec> Describe(string name) =>
        Specs(name) ?? throw new ArgumentException($"Unknown strategy '{name}' (known: {string.Join(", ", Names)}).", nameof(name));

    /// <summary>Create strategy <paramref name="name"/> for bot <paramref name="botId"/>; false (with every problem in
    /// <paramref name="problems"/>) when the name, a parameter or their combination is invalid.</summary>
    public static bool TryCreate(string name, int botId, IReadOnlyDictionary<string, JsonElement> parameters, InstrumentRegistry instruments,
        out IStrategy? strategy, List<string> problems)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        return TryCreate(name, botId, instruments, problems, specs => StrategyParameters.Parse(specs, parameters, instruments, problems), out strategy);
    }

    /// <summary><see cref="TryCreate(string,int,IReadOnlyDictionary{string,JsonElement},InstrumentRegistry,out IStrategy?,List{string})"/> with text values.</summary>
    public static bool TryCreate(string name, int botId, IReadOnlyDictionary<string, string> parameters, InstrumentRegistry instruments,
        out IStrategy? strategy, List<string> problems)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        return TryCreate(name, botId, instruments, problems, specs => StrategyParameters.Parse(specs, parameters, instruments, problems), out strategy);
    }

    private static bool TryCreate(string name, int botId, InstrumentRegistry instruments, List<string> problems,
        Func<IReadOnlyList<ParameterSpec>, StrategyParameters> parse, out IStrategy? strategy)
    {
        ArgumentNullException.ThrowIfNull(problems);
        strategy = null;
        var start = problems.Count;
        var specs = Check(name, botId, instruments, problems);
        return specs is not null && Build(name, parse(specs), start, out strategy, problems);
    }

    private static IReadOnlyList<ParameterSpec>? Specs(string name) => name switch
    {
        MarketMaker.StrategyName => MarketMakerSettings.Parameters,
        MeanReversion.StrategyName => MeanReversionSettings.Parameters,
        CrossVenueSpread.StrategyName => CrossVenueSpreadSettings.Parameters,
        _ => null,
    };

    private static IReadOnlyList<ParameterSpec>? Check(string name, int botId, InstrumentRegistry instruments, List<string> problems)
    {
        ArgumentNullException.ThrowIfNull(instruments);
        if (botId < 0) problems.Add($"bot id must not be negative ({botId})");
        var specs = Specs(name);
        if (specs is null) problems.Add($"unknown strategy '{name}' (known: {string.Join(", ", Names)})");
        return specs;
    }

    private static bool Build(string name, StrategyParameters parameters, int start, out IStrategy? strategy, List<string> problems)
    {
        strategy = name switch
        {
            MarketMaker.StrategyName => MarketMakerSettings.FromParameters(parameters, problems) is { } s ? new MarketMaker(s) : null,
            MeanReversion.StrategyName => MeanReversionSettings.FromParameters(parameters, problems) is { } s ? new MeanReversion(s) : null,
            CrossVenueSpread.StrategyName => CrossVenueSpreadSettings.FromParameters(parameters, problems) is { } s ? new CrossVenueSpread(s) : null,
            _ => null,
        };
        // Any new problem (including one found while parsing) means no strategy; the caller's list may hold older ones.
        if (problems.Count != start) strategy = null;
        return strategy is not null;
    }
}

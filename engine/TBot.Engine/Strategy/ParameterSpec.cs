using System.Globalization;

namespace TBot.Engine.Strategy;

/// <summary>
/// One parameter a strategy accepts: its name (unit in the name: <c>refresh_ms</c>, <c>half_spread_bps</c>), type,
/// default (as configuration text, parsed like user input), unit, allowed range and a one-line description.
/// </summary>
public sealed record ParameterSpec(string Name, ParameterKind Kind, string Default, string Unit, string Description)
{
    /// <summary>Smallest allowed value (numbers only).</summary>
    public decimal Min { get; init; } = decimal.MinValue;

    /// <summary>Largest allowed value (numbers only).</summary>
    public decimal Max { get; init; } = decimal.MaxValue;

    /// <summary>Allowed words (<see cref="ParameterKind.Choice"/> only), lower case.</summary>
    public IReadOnlyList<string> Choices { get; init; } = [];

    public static ParameterSpec Integer(string name, long @default, long min, long max, string unit, string description) =>
        new(name, ParameterKind.Integer, @default.ToString(CultureInfo.InvariantCulture), unit, description) { Min = min, Max = max };

    public static ParameterSpec Decimal(string name, string @default, decimal min, decimal max, string unit, string description) =>
        new(name, ParameterKind.Decimal, @default, unit, description) { Min = min, Max = max };

    public static ParameterSpec Boolean(string name, bool @default, string description) =>
        new(name, ParameterKind.Boolean, @default ? "true" : "false", "", description);

    public static ParameterSpec InstrumentKey(string name, string @default, string description) =>
        new(name, ParameterKind.Instrument, @default, "SYMBOL@venue", description);

    public static ParameterSpec Choice(string name, string @default, string description, params string[] choices) =>
        new(name, ParameterKind.Choice, @default, string.Join("|", choices), description) { Choices = choices };

    /// <summary>"half_spread_bps = 0.005 (bps, 0..1000): description", for docs and <c>tbot config check</c>.</summary>
    public override string ToString()
    {
        var range = Kind is ParameterKind.Integer or ParameterKind.Decimal ? $", {Format(Min)}..{Format(Max)}" : "";
        var unit = Unit.Length > 0 ? $" ({Unit}{range})" : range.Length > 0 ? $" ({range[2..]})" : "";
        return $"{Name} = {Default}{unit}: {Description}";
    }

    private static string Format(decimal v) =>
        v == decimal.MinValue ? "-inf" : v == decimal.MaxValue ? "inf" : v.ToString(CultureInfo.InvariantCulture);
}

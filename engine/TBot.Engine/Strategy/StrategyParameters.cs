using System.Globalization;
using System.Text.Json;
using TBot.Engine.Instruments;
using TBot.Engine.Numerics;

namespace TBot.Engine.Strategy;

/// <summary>
/// A strategy's parameters, parsed once at start-up against its <see cref="ParameterSpec"/> list: missing keys take
/// the default, and every problem (unknown key, wrong type, out of range, unknown instrument) is appended to the
/// caller's list so a configuration check reports them all at once. Getters return the default for a value that
/// did not parse, so a strategy's settings can still be built (and cross-checked) before the caller gives up.
/// Start-up code: allocates freely.
/// </summary>
public sealed class StrategyParameters
{
    private readonly Dictionary<string, Value> _values = new(StringComparer.Ordinal);

    private StrategyParameters()
    {
    }

    /// <summary>Parse JSON values (numbers, numeric strings, booleans, strings).</summary>
    public static StrategyParameters Parse(IReadOnlyList<ParameterSpec> specs, IReadOnlyDictionary<string, JsonElement> values, InstrumentRegistry instruments, List<string> problems)
    {
        var raw = new Dictionary<string, Raw>(StringComparer.Ordinal);
        foreach (var (key, element) in values) raw[key] = FromJson(element);
        return Parse(specs, raw, instruments, problems);
    }

    /// <summary>Parse text values (command line, key=value files); every value is read as text.</summary>
    public static StrategyParameters Parse(IReadOnlyList<ParameterSpec> specs, IReadOnlyDictionary<string, string> values, InstrumentRegistry instruments, List<string> problems)
    {
        var raw = new Dictionary<string, Raw>(StringComparer.Ordinal);
        foreach (var (key, text) in values) raw[key] = new Raw(Token.String, text);
        return Parse(specs, raw, instruments, problems);
    }

    public decimal Decimal(string name) => Get(name).Number;

    public long Integer(string name) => (long)Get(name).Number;

    public bool Boolean(string name) => Get(name).Flag;

    /// <summary>The chosen word, lower case.</summary>
    public string Choice(string name) => Get(name).Text ?? "";

    /// <summary>The resolved instrument, or null when neither the value nor the default names a known instrument.</summary>
    public Instrument? Instrument(string name) => Get(name).Instrument;

    /// <summary>A millisecond parameter as nanoseconds of engine time.</summary>
    public long MillisecondsAsNs(string name) => Integer(name) * 1_000_000;

    /// <summary>A basis-point parameter as micro-bps (<see cref="BasisPoints"/>).</summary>
    public long MicroBps(string name) => BasisPoints.ToMicro(Decimal(name));

    /// <summary>A size in base units as a quantity mantissa of <paramref name="instrument"/>, rounded down to its step.</summary>
    public long Quantity(string name, Instrument instrument, List<string> problems) =>
        Quantity(name, instrument.QuantityScale, PriceGrid.Unit(instrument.StepSize), instrument.Key, problems);

    /// <summary>A size in base units as a mantissa at <paramref name="scale"/>, rounded down to <paramref name="step"/>
    /// (a mantissa at that scale). Reports a problem (and returns 0) when it has more decimals than the scale or is
    /// smaller than one step; <paramref name="what"/> names the instrument(s) in the message.</summary>
    public long Quantity(string name, int scale, long step, string what, List<string> problems)
    {
        var value = Decimal(name);
        if (!FixedPoint.TryFromDecimal(value, scale, out var mantissa))
        {
            problems.Add($"{name}: {Text(value)} has more decimals than {what} allows ({scale})");
            return 0;
        }
        var floored = PriceGrid.Floor(mantissa, step);
        if (floored <= 0)
        {
            problems.Add($"{name}: {Text(value)} is smaller than one step of {what} ({FixedPoint.ToDecimalString(step, scale)})");
            return 0;
        }
        return floored;
    }

    private Value Get(string name) =>
        _values.TryGetValue(name, out var v) ? v : throw new ArgumentException($"Parameter '{name}' is not declared.", nameof(name));

    private static StrategyParameters Parse(IReadOnlyList<ParameterSpec> specs, Dictionary<string, Raw> raw, InstrumentRegistry instruments, List<string> problems)
    {
        var result = new StrategyParameters();
        var known = new HashSet<string>(StringComparer.Ordinal);
        foreach (var spec in specs) known.Add(spec.Name);
        foreach (var key in raw.Keys.Order(StringComparer.Ordinal))
        {
            if (!known.Contains(key)) problems.Add($"unknown parameter '{key}' (known: {string.Join(", ", specs.Select(s => s.Name))})");
        }

        foreach (var spec in specs)
        {
            // The default goes through the same parser, so a default that does not fit this registry (an instrument
            // it does not have) is reported like a bad value.
            var defaultProblems = new List<string>();
            var fallback = Read(spec, new Raw(Token.String, spec.Default), instruments, defaultProblems, isDefault: true);
            if (raw.TryGetValue(spec.Name, out var given))
            {
                var before = problems.Count;
                var value = Read(spec, given, instruments, problems, isDefault: false);
                result._values[spec.Name] = problems.Count == before ? value : fallback;
            }
            else
            {
                problems.AddRange(defaultProblems);
                result._values[spec.Name] = fallback;
            }
        }
        return result;
    }

    private static Value Read(ParameterSpec spec, Raw raw, InstrumentRegistry instruments, List<string> problems, bool isDefault)
    {
        var origin = isDefault ? " (the default)" : "";
        switch (spec.Kind)
        {
            case ParameterKind.Integer:
            case ParameterKind.Decimal:
            {
                if (raw.Token is not (Token.Number or Token.String)
                    || !decimal.TryParse(raw.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
                {
                    problems.Add($"{spec.Name}: expected {(spec.Kind == ParameterKind.Integer ? "a whole number" : "a number")}, got {raw.Show()}{origin}");
                    return default;
                }
                if (spec.Kind == ParameterKind.Integer && number != decimal.Truncate(number))
                {
                    problems.Add($"{spec.Name}: expected a whole number, got {raw.Show()}{origin}");
                    return default;
                }
                if (number < spec.Min || number > spec.Max)
                {
                    problems.Add($"{spec.Name}: {Text(number)} is out of range [{Text(spec.Min)}, {Text(spec.Max)}]{origin}");
                    return default;
                }
                return new Value { Number = number };
            }
            case ParameterKind.Boolean:
            {
                var text = raw.Text.Trim();
                var ok = raw.Token is Token.Boolean or Token.String;
                if (ok && text.Equals("true", StringComparison.OrdinalIgnoreCase)) return new Value { Flag = true };
                if (ok && text.Equals("false", StringComparison.OrdinalIgnoreCase)) return new Value { Flag = false };
                problems.Add($"{spec.Name}: expected true or false, got {raw.Show()}{origin}");
                return default;
            }
            case ParameterKind.Instrument:
            {
                var text = raw.Text.Trim();
                var at = text.LastIndexOf('@');
                if (raw.Token != Token.String || at <= 0 || at == text.Length - 1)
                {
                    problems.Add($"{spec.Name}: expected an instrument \"SYMBOL@venue\", got {raw.Show()}{origin}");
                    return default;
                }
                if (!VenueNames.TryParse(text[(at + 1)..], out var venue))
                {
                    problems.Add($"{spec.Name}: unknown venue '{text[(at + 1)..]}' in \"{text}\" (binance, coinbase, okx){origin}");
                    return default;
                }
                if (!instruments.TryGet(venue, text[..at], out var instrument))
                {
                    problems.Add($"{spec.Name}: unknown instrument \"{text}\"{origin}");
                    return default;
                }
                return new Value { Instrument = instrument, Text = instrument.Key };
            }
            case ParameterKind.Choice:
            {
                var text = raw.Text.Trim().ToLowerInvariant();
                if (raw.Token != Token.String || !spec.Choices.Contains(text))
                {
                    problems.Add($"{spec.Name}: expected one of {string.Join(", ", spec.Choices)}, got {raw.Show()}{origin}");
                    return default;
                }
                return new Value { Text = text };
            }
            default:
                throw new ArgumentOutOfRangeException(nameof(spec), spec.Kind, "Unknown parameter kind.");
        }
    }

    private static Raw FromJson(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => new Raw(Token.String, element.GetString() ?? ""),
        JsonValueKind.Number => new Raw(Token.Number, element.GetRawText()),
        JsonValueKind.True => new Raw(Token.Boolean, "true"),
        JsonValueKind.False => new Raw(Token.Boolean, "false"),
        _ => new Raw(Token.Other, element.ValueKind == JsonValueKind.Undefined ? "nothing" : element.GetRawText()),
    };

    private static string Text(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    private enum Token : byte
    {
        String,
        Number,
        Boolean,
        Other,
    }

    private readonly record struct Raw(Token Token, string Text)
    {
        public string Show() => Token == Token.String ? $"\"{Text}\"" : Text;
    }

    private struct Value
    {
        public decimal Number;
        public bool Flag;
        public string? Text;
        public Instrument? Instrument;
    }
}

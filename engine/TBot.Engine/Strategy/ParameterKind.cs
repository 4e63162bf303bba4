namespace TBot.Engine.Strategy;

/// <summary>The type of a strategy parameter.</summary>
public enum ParameterKind : byte
{
    /// <summary>A whole number (JSON number or numeric string).</summary>
    Integer = 1,
    /// <summary>A decimal number (JSON number or decimal string, e.g. "0.001"); sizes become mantissas at the instrument's scale.</summary>
    Decimal = 2,
    /// <summary>true / false (JSON boolean or the strings "true"/"false").</summary>
    Boolean = 3,
    /// <summary>An instrument key "SYMBOL@venue" ("BTCUSDT@binance"), resolved through the instrument registry.</summary>
    Instrument = 4,
    /// <summary>One of a fixed set of words (<see cref="ParameterSpec.Choices"/>).</summary>
    Choice = 5,
}

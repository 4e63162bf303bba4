namespace TBot.Adapters.Simulator.Orders;

/// <summary>One execution of a simulator order (price/quantity mantissas at the instrument's scales).</summary>
public readonly record struct OrderFill(long Price, long Quantity, long TradeId);

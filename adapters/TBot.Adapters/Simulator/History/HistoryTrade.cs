namespace TBot.Adapters.Simulator.History;

/// <summary>One trade of the simulator's history tape (price/quantity mantissas at the instrument's scales).</summary>
public readonly record struct HistoryTrade(long Id, long TimeMs, long Price, long Quantity, bool BuyerIsMaker);

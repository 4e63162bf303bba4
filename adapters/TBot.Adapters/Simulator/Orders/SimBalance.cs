namespace TBot.Adapters.Simulator.Orders;

/// <summary>One asset of the simulated account: free and locked amounts at <see cref="SimAccount.Scale"/> decimals.</summary>
public readonly record struct SimBalance(string Asset, long Free, long Locked);

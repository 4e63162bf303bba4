namespace TBot.Adapters.RateLimiting;

/// <summary>Units to take from the limit in store slot <see cref="Slot"/>.</summary>
public readonly record struct RateCharge(int Slot, long Cost);

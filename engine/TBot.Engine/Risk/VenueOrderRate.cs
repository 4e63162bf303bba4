namespace TBot.Engine.Risk;

/// <summary>Order-rate limit of a bot on one venue: a token bucket of <paramref name="OrdersPerSecond"/>
/// refilling up to <paramref name="Burst"/> (0 = one second's worth). 0 orders per second = no limit.</summary>
public readonly record struct VenueOrderRate(int OrdersPerSecond, int Burst);

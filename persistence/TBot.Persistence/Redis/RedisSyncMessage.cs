namespace TBot.Persistence.Redis;

/// <summary>One message received on a sync channel: exactly one of <see cref="Position"/> / <see cref="Trade"/> is set.</summary>
public sealed record RedisSyncMessage(PositionUpdate? Position, TradeUpdate? Trade);

namespace TBot.Persistence.Redis;

/// <summary>A bot's position on one instrument as the last fill left it (absolute values from the fill decision).</summary>
internal sealed class PositionState(int bot, int instrumentId)
{
    public int Bot { get; } = bot;
    public int InstrumentId { get; } = instrumentId;
    public long Quantity, RealizedPnl, TimeNs, Position;
    public bool Dirty;
}

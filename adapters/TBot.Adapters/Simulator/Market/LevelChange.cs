using TBot.Engine.Events;

namespace TBot.Adapters.Simulator.Market;

/// <summary>One level's new absolute quantity after a step (0 = the level was removed). Side Buy = bid, Sell = ask.</summary>
public struct LevelChange
{
    public Side Side;
    public long Price;
    public long Quantity;
}

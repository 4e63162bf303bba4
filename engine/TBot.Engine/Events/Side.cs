namespace TBot.Engine.Events;

/// <summary>Book side of a level, or the aggressor side of a trade.</summary>
public enum Side : byte
{
    None = 0,
    Buy = 1,
    Sell = 2,
}

namespace TBot.Engine.Orders;

/// <summary>How long a limit order lives. Values are stable: they are written into journals.</summary>
public enum TimeInForce : byte
{
    /// <summary>Good till cancelled: rests until filled or cancelled.</summary>
    Gtc = 0,
    /// <summary>Immediate or cancel: whatever does not fill at once expires.</summary>
    Ioc = 1,
    /// <summary>Maker only: rejected if it would take liquidity.</summary>
    PostOnly = 2,
}

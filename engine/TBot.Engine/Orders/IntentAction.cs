namespace TBot.Engine.Orders;

/// <summary>What a strategy asks for.</summary>
public enum IntentAction : byte
{
    None = 0,
    /// <summary>Place a new order.</summary>
    Submit = 1,
    /// <summary>Cancel one open order (<see cref="OrderIntent.TargetClientOrderId"/>).</summary>
    Cancel = 2,
    /// <summary>Cancel every open order of the bot on the instrument (0 = all instruments).</summary>
    CancelAll = 3,
}

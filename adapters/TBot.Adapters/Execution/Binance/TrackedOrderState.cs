namespace TBot.Adapters.Execution.Binance;

/// <summary>Where a tracked order stands, as far as the gateway knows.</summary>
internal enum TrackedOrderState : byte
{
    /// <summary>The new-order POST is being sent or answered.</summary>
    Sending = 0,
    /// <summary>Working at the venue: polled for fills and its end.</summary>
    Open = 1,
    /// <summary>The POST got no usable answer: being settled by queries.</summary>
    Unknown = 2,
    /// <summary>Finished (filled, cancelled, expired, rejected); no more reports.</summary>
    Done = 3,
}

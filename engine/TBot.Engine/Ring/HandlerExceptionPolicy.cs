namespace TBot.Engine.Ring;

/// <summary>What a processor does when a handler throws.</summary>
public enum HandlerExceptionPolicy
{
    /// <summary>Log, count, and carry on with the next event (the failed event is skipped by that handler).</summary>
    SkipEvent,
    /// <summary>Log, count, and stop the processor; its sequence stays before the failed event, so downstream
    /// handlers never see it and the producer is held back until the pipeline is restarted or halted.</summary>
    Halt,
}

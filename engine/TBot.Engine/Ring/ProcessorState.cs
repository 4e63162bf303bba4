namespace TBot.Engine.Ring;

/// <summary>Lifecycle of an event processor.</summary>
public enum ProcessorState
{
    Idle = 0,
    Running = 1,
    Halting = 2,
    /// <summary>Stopped because a handler threw under <see cref="HandlerExceptionPolicy.Halt"/>.</summary>
    Faulted = 3,
}

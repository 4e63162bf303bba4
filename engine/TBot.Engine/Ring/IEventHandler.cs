namespace TBot.Engine.Ring;

/// <summary>A consumer of ring events. Called on the processor's thread only; must not block or allocate on the hot path.</summary>
public interface IEventHandler<T> where T : unmanaged
{
    /// <summary>Handle the event in its slot. <paramref name="endOfBatch"/> is true for the last event
    /// currently available: the moment to flush anything batched.</summary>
    void OnEvent(ref T evt, long sequence, bool endOfBatch);

    /// <summary>Called once on the processor thread before the first event.</summary>
    void OnStart() { }

    /// <summary>Called once on the processor thread after the last event.</summary>
    void OnShutdown() { }
}

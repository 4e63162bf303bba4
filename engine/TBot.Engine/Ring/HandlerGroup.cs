namespace TBot.Engine.Ring;

/// <summary>Handlers registered together: they run in parallel with each other, and a later group may depend on them.</summary>
public sealed class HandlerGroup<T> where T : unmanaged
{
    private readonly EventPipeline<T> _pipeline;

    internal HandlerGroup(EventPipeline<T> pipeline, Sequence[] sequences)
    {
        _pipeline = pipeline;
        Sequences = sequences;
    }

    /// <summary>One sequence per handler in the group.</summary>
    public Sequence[] Sequences { get; }

    /// <summary>Handlers that see each event only after every handler in this group has.</summary>
    public HandlerGroup<T> Then(params IEventHandler<T>[] handlers) => _pipeline.Add(Sequences, handlers);

    /// <summary>A named (optionally pinned) handler after this group.</summary>
    public HandlerGroup<T> Then(string name, IEventHandler<T> handler, int? cpu = null) => _pipeline.Add(Sequences, name, handler, cpu);
}

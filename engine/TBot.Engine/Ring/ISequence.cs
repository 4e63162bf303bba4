namespace TBot.Engine.Ring;

/// <summary>A read-only view of a sequence: a single <see cref="Sequence"/> or the minimum of several.</summary>
public interface ISequence
{
    /// <summary>Current value, read with acquire semantics.</summary>
    long Value { get; }
}

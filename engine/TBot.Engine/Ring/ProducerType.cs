namespace TBot.Engine.Ring;

/// <summary>Whether one thread or several publish into a ring.</summary>
public enum ProducerType
{
    /// <summary>One producer thread (the ingress thread): the fast sequencer.</summary>
    Single,
    /// <summary>Several producer threads: CAS claims and per-slot availability flags.</summary>
    Multi,
}

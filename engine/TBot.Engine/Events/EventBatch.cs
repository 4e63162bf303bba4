namespace TBot.Engine.Events;

/// <summary>
/// A preallocated scratch list of events that one frame parses into (a depth update becomes one event per
/// level). Owned by a single thread; reused for every frame; grows only if a frame exceeds its capacity.
/// </summary>
public sealed class EventBatch
{
    private MarketEvent[] _events;

    public EventBatch(int capacity = 1024) => _events = new MarketEvent[capacity];

    public int Count { get; private set; }

    public ref MarketEvent this[int index] => ref _events[index];

    public Span<MarketEvent> AsSpan() => _events.AsSpan(0, Count);

    public void Clear() => Count = 0;

    /// <summary>Append a zeroed event and return it by reference for the parser to fill.</summary>
    public ref MarketEvent Add()
    {
        if (Count == _events.Length) Array.Resize(ref _events, _events.Length * 2);
        ref var e = ref _events[Count++];
        e = default;
        return ref e;
    }

    /// <summary>Append copies of <paramref name="events"/>.</summary>
    public void AddRange(ReadOnlySpan<MarketEvent> events)
    {
        while (Count + events.Length > _events.Length) Array.Resize(ref _events, _events.Length * 2);
        events.CopyTo(_events.AsSpan(Count));
        Count += events.Length;
    }

    /// <summary>Drop the last <paramref name="n"/> events (a parser backing out of a half-parsed message).</summary>
    public void RemoveLast(int n) => Count = Math.Max(0, Count - n);
}

using TBot.Engine.Events;

namespace TBot.Engine.Backtest;

/// <summary>
/// A k-way merge by receive time over backtest leaves, streaming: a leaf is opened when the merged time reaches its
/// start and closed when it runs out, so memory depends on how many leaves overlap, not on the history's length.
/// Ties go to the leaf listed first (the caller orders leaves deterministically), so the merged order is the same
/// on every run. Allocation-free per event (opening a leaf allocates its reader once).
/// </summary>
public sealed class EventMerger : IDisposable
{
    private readonly IReadOnlyList<BacktestLeaf> _leaves;
    private readonly long _fromNs;
    private readonly long _toNs;
    private readonly JournalEventStream?[] _active; // in leaf order, so the first minimum found wins ties
    private int _activeCount;
    private int _nextLeaf;
    private int _current = -1;

    /// <param name="leaves">Sorted by <see cref="BacktestLeaf.StartNs"/>, then by a stable key.</param>
    public EventMerger(IReadOnlyList<BacktestLeaf> leaves, long fromNs = long.MinValue, long toNs = long.MaxValue)
    {
        for (var i = 1; i < leaves.Count; i++)
            if (leaves[i].StartNs < leaves[i - 1].StartNs) throw new ArgumentException("Leaves must be sorted by start time.", nameof(leaves));
        _leaves = leaves;
        _fromNs = fromNs;
        _toNs = toNs;
        _active = new JournalEventStream?[Math.Max(1, leaves.Count)];
    }

    /// <summary>Leaves opened so far.</summary>
    public int LeavesOpened { get; private set; }

    /// <summary>Most leaves open at once.</summary>
    public int MaxOpen { get; private set; }

    /// <summary>The current event (after <see cref="MoveNext"/> returned true); valid until the next call.</summary>
    public ref readonly MarketEvent Current => ref _active[_current]!.Head;

    /// <summary>Move to the earliest remaining event of all leaves; false at the end.</summary>
    public bool MoveNext()
    {
        if (_current >= 0 && !_active[_current]!.Advance()) Close(_current);
        _current = -1;
        while (_nextLeaf < _leaves.Count && (_activeCount == 0 || _leaves[_nextLeaf].StartNs <= MinHeadTime())) OpenNext();
        if (_activeCount == 0) return false;
        var best = 0;
        if (_activeCount > 1)
        {
            var bestTime = _active[0]!.Head.ReceiveTimeNs;
            for (var i = 1; i < _activeCount; i++)
            {
                var t = _active[i]!.Head.ReceiveTimeNs;
                if (t < bestTime)
                {
                    bestTime = t;
                    best = i;
                }
            }
        }
        _current = best;
        return true;
    }

    private long MinHeadTime()
    {
        var min = long.MaxValue;
        for (var i = 0; i < _activeCount; i++) min = Math.Min(min, _active[i]!.Head.ReceiveTimeNs);
        return min;
    }

    private void OpenNext()
    {
        var leaf = _leaves[_nextLeaf++];
        var stream = JournalEventStream.Open(leaf, _fromNs, _toNs);
        LeavesOpened++;
        if (!stream.Advance())
        {
            stream.Dispose();
            return;
        }
        _active[_activeCount++] = stream; // leaves open in list order: the array stays in leaf order
        MaxOpen = Math.Max(MaxOpen, _activeCount);
    }

    private void Close(int index)
    {
        _active[index]!.Dispose();
        _activeCount--;
        Array.Copy(_active, index + 1, _active, index, _activeCount - index);
        _active[_activeCount] = null;
    }

    public void Dispose()
    {
        for (var i = 0; i < _activeCount; i++) _active[i]!.Dispose();
        _activeCount = 0;
    }
}

using TBot.Engine.Instruments;

namespace TBot.Adapters.Ingress;

/// <summary>
/// Per-connection bookkeeping on the ingress thread: the last per-connection sequence number (venues that
/// number every message on a socket) and a sliding count of rejections that, past a threshold, asks for a
/// reconnect (the seed's "Reject → Reconnect"). Fixed-size tables; connection ids are small integers.
/// </summary>
internal sealed class ConnectionHealth(int threshold, int windowMs)
{
    private const int MaxConnections = 256;
    private readonly long[] _lastSequence = CreateFilled(4 * MaxConnections, -1);
    private readonly long[] _windowStart = new long[4 * MaxConnections];
    private readonly int[] _rejects = new int[4 * MaxConnections];
    private readonly long _windowNs = windowMs * 1_000_000L;

    /// <summary>False when <paramref name="sequence"/> does not follow the previous one (a gap or reordering).
    /// A sequence of 0 marks a fresh connection and always starts over.</summary>
    public bool CheckSequence(Venue venue, int connectionId, long sequence)
    {
        var i = Index(venue, connectionId);
        var last = _lastSequence[i];
        _lastSequence[i] = sequence;
        return last < 0 || sequence == 0 || sequence == last + 1;
    }

    /// <summary>Forget a connection's state (it reconnected).</summary>
    public void Reset(Venue venue, int connectionId)
    {
        var i = Index(venue, connectionId);
        _lastSequence[i] = -1;
        _rejects[i] = 0;
    }

    /// <summary>Count a rejection; true when the threshold was crossed in the window (the count then restarts).</summary>
    public bool RecordReject(Venue venue, int connectionId, long nowNs)
    {
        var i = Index(venue, connectionId);
        if (nowNs - _windowStart[i] > _windowNs)
        {
            _windowStart[i] = nowNs;
            _rejects[i] = 0;
        }
        if (++_rejects[i] < threshold) return false;
        _rejects[i] = 0;
        _windowStart[i] = nowNs;
        return true;
    }

    private static int Index(Venue venue, int connectionId) => (int)venue * MaxConnections + (connectionId & (MaxConnections - 1));

    private static long[] CreateFilled(int n, long value)
    {
        var a = new long[n];
        Array.Fill(a, value);
        return a;
    }
}

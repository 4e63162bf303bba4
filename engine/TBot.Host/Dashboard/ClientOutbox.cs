using System.Threading.Channels;

namespace TBot.Host.Dashboard;

/// <summary>
/// What is waiting to be sent to one WebSocket client: at most one message per key (a newer state of the same key
/// replaces the waiting one: latest wins) and at most <see cref="Capacity"/> keys (past that the oldest waiting
/// message is dropped). Either way the drop is counted. <see cref="Offer"/> never waits, so a slow browser costs
/// the publisher a dictionary write and holds at most <see cref="Capacity"/> messages (shared byte arrays).
/// One writer side (the feed, any thread) and one reader (the client's send loop).
/// </summary>
public sealed class ClientOutbox(int capacity = ClientOutbox.DefaultCapacity)
{
    public const int DefaultCapacity = 256;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, ReadOnlyMemory<byte>> _waiting = new(StringComparer.Ordinal);
    // Keys in the order they started waiting; a replaced message keeps its key's place (no starvation of other keys).
    private readonly Queue<string> _order = new();
    private readonly Channel<bool> _signal = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private long _dropped, _sent;

    public int Capacity { get; } = capacity > 0 ? capacity : throw new ArgumentOutOfRangeException(nameof(capacity));

    /// <summary>Messages replaced or evicted before they were sent.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Messages handed to the send loop.</summary>
    public long Taken => Interlocked.Read(ref _sent);

    /// <summary>Messages waiting now (never more than <see cref="Capacity"/>).</summary>
    public int Count { get { lock (_gate) return _waiting.Count; } }

    /// <summary>Bytes waiting now.</summary>
    public long Bytes
    {
        get
        {
            lock (_gate)
            {
                long n = 0;
                foreach (var m in _waiting.Values) n += m.Length;
                return n;
            }
        }
    }

    /// <summary>Queue <paramref name="message"/> under <paramref name="key"/>, replacing a waiting message of the same key.</summary>
    public void Offer(string key, ReadOnlyMemory<byte> message)
    {
        lock (_gate)
        {
            if (_waiting.ContainsKey(key))
            {
                _waiting[key] = message;
                Interlocked.Increment(ref _dropped);
            }
            else
            {
                while (_order.Count >= Capacity)
                {
                    _waiting.Remove(_order.Dequeue());
                    Interlocked.Increment(ref _dropped);
                }
                _waiting.Add(key, message);
                _order.Enqueue(key);
            }
        }
        _signal.Writer.TryWrite(true);
    }

    /// <summary>The oldest waiting message, if any.</summary>
    public bool TryTake(out ReadOnlyMemory<byte> message)
    {
        lock (_gate)
        {
            while (_order.TryDequeue(out var key))
            {
                if (_waiting.Remove(key, out message))
                {
                    Interlocked.Increment(ref _sent);
                    return true;
                }
            }
        }
        message = default;
        return false;
    }

    /// <summary>Completes when something was offered since the last wait (or right away if something waits).</summary>
    public async ValueTask WaitAsync(CancellationToken cancellationToken)
    {
        await _signal.Reader.ReadAsync(cancellationToken).ConfigureAwait(false);
    }
}

using TBot.Engine.Events;
using TBot.Engine.Ring;

namespace TBot.Host.Running;

/// <summary>
/// Publishes a <see cref="MarketEventKind.Timer"/> heartbeat into the (multi-producer) ring every interval, so
/// bar closes and quote refreshes are ring events the journal records and replays. A plain background thread:
/// one claim per tick, no allocation.
/// </summary>
public sealed class TimerPublisher(RingBuffer<MarketEvent> ring, TimeSpan interval) : IDisposable
{
    private readonly ManualResetEventSlim _stop = new(false);
    private Thread? _thread;

    public long Ticks { get; private set; }

    public void Start()
    {
        _thread = new Thread(Loop) { IsBackground = true, Name = "tbot-timer" };
        _thread.Start();
    }

    private void Loop()
    {
        var intervalNs = (long)(interval.TotalMilliseconds * 1_000_000);
        var next = UnixNanos.Now() + intervalNs;
        while (!_stop.IsSet)
        {
            var wait = (next - UnixNanos.Now()) / 1_000_000;
            if (wait > 0 && _stop.Wait(TimeSpan.FromMilliseconds(wait))) break;
            var seq = ring.Next();
            TimerEvents.Write(ref ring[seq], ++Ticks, next, UnixNanos.Now());
            ring.Publish(seq);
            next += intervalNs;
            var now = UnixNanos.Now();
            if (next < now) next = now + intervalNs; // fell behind (paused process): skip, do not burst
        }
    }

    public void Dispose()
    {
        _stop.Set();
        _thread?.Join();
        _stop.Dispose();
    }
}

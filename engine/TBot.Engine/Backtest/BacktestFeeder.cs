using TBot.Engine.Events;
using TBot.Engine.Trading;

namespace TBot.Engine.Backtest;

/// <summary>
/// Drives a backtest: trading is disabled then enabled at the first event's time (as a live run does around its
/// start-up), then the merged market data is published in time order with a <see cref="MarketEventKind.Timer"/>
/// event at every multiple of the timer interval of ENGINE time (the data's clock), placed before the first event at
/// or after it. Deterministic: the same leaves and window always give the same event sequence.
/// Allocation-free per event.
/// </summary>
public sealed class BacktestFeeder(EventMerger merger, long timerIntervalNs)
{
    /// <summary>Market-data events published.</summary>
    public long DataEvents { get; private set; }

    public long TimerEvents { get; private set; }

    /// <summary>Engine time of the first and last market-data event (0 when none).</summary>
    public long FirstNs { get; private set; }

    public long LastNs { get; private set; }

    /// <summary>Publish everything; returns the events published (data + timers + control). Stops early on cancel
    /// (checked every 64 K events).</summary>
    public long Run<TPublisher>(TPublisher publisher, CancellationToken cancel = default) where TPublisher : IEventPublisher
    {
        if (timerIntervalNs <= 0) throw new InvalidOperationException("The timer interval must be positive.");
        long published = 0, nextTimer = 0, tick = 0;
        while (merger.MoveNext())
        {
            ref readonly var e = ref merger.Current;
            var t = e.ReceiveTimeNs;
            if (published == 0)
            {
                FirstNs = t;
                nextTimer = t - t % timerIntervalNs + timerIntervalNs;
                Control(publisher, ControlCommand.DisableTrading, t);
                Control(publisher, ControlCommand.EnableTrading, t);
                published = 2;
            }
            while (nextTimer <= t)
            {
                ref var slot = ref publisher.Claim(out var timerSeq);
                Events.TimerEvents.Write(ref slot, ++tick, nextTimer, nextTimer);
                publisher.Publish(timerSeq);
                nextTimer += timerIntervalNs;
                published++;
            }
            ref var target = ref publisher.Claim(out var seq);
            target = e;
            target.Flags |= EventFlags.Replayed;
            publisher.Publish(seq);
            published++;
            LastNs = t;
            if ((++DataEvents & 0xFFFF) == 0 && cancel.IsCancellationRequested) break;
        }
        TimerEvents = tick;
        return published;
    }

    private static void Control<TPublisher>(TPublisher publisher, ControlCommand command, long t) where TPublisher : IEventPublisher
    {
        ref var slot = ref publisher.Claim(out var seq);
        ControlEvents.Write(ref slot, command, 0, t);
        publisher.Publish(seq);
    }
}

namespace TBot.Adapters.Tests.RateLimiting;

/// <summary>
/// A <see cref="TimeProvider"/> that only moves when told: timestamps, UTC time and timers (so Task.Delay and
/// CancellationTokenSource timeouts on it) follow <see cref="Advance"/>. Timer callbacks run on the advancing thread.
/// </summary>
public sealed class ManualTimeProvider : TimeProvider
{
    private readonly Lock _lock = new();
    private readonly List<ManualTimer> _timers = [];
    private readonly DateTimeOffset _start;
    private long _ticks;

    public ManualTimeProvider(DateTimeOffset? start = null) => _start = start ?? new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>100 ns ticks, unlike Linux's nanosecond Stopwatch: exercises the frequency conversion.</summary>
    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp() => Volatile.Read(ref _ticks);

    public override DateTimeOffset GetUtcNow() => _start.AddTicks(Volatile.Read(ref _ticks));

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    /// <summary>Time since the start.</summary>
    public TimeSpan Elapsed => TimeSpan.FromTicks(Volatile.Read(ref _ticks));

    public int ActiveTimers
    {
        get
        {
            lock (_lock) return _timers.Count(t => t.DueTicks != long.MaxValue);
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new ManualTimer(this, callback, state);
        lock (_lock) _timers.Add(timer);
        timer.Change(dueTime, period);
        return timer;
    }

    /// <summary>Move time forward, firing every timer that falls due on the way, in order.</summary>
    public void Advance(TimeSpan delta)
    {
        if (delta < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(delta));
        long target;
        lock (_lock) target = _ticks + delta.Ticks;
        while (true)
        {
            ManualTimer? due = null;
            lock (_lock)
            {
                foreach (var t in _timers)
                    if (t.DueTicks <= target && (due is null || t.DueTicks < due.DueTicks)) due = t;
                if (due is null)
                {
                    Volatile.Write(ref _ticks, target);
                    return;
                }
                if (due.DueTicks > _ticks) Volatile.Write(ref _ticks, due.DueTicks);
                due.DueTicks = due.PeriodTicks > 0 ? _ticks + due.PeriodTicks : long.MaxValue;
            }
            due.Fire();
        }
    }

    private sealed class ManualTimer(ManualTimeProvider owner, TimerCallback callback, object? state) : ITimer
    {
        public long DueTicks = long.MaxValue;
        public long PeriodTicks;

        public void Fire() => callback(state);

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            lock (owner._lock)
            {
                PeriodTicks = period == Timeout.InfiniteTimeSpan || period <= TimeSpan.Zero ? 0 : period.Ticks;
                DueTicks = dueTime == Timeout.InfiniteTimeSpan ? long.MaxValue : owner._ticks + Math.Max(0, dueTime.Ticks);
            }
            return true;
        }

        public void Dispose()
        {
            lock (owner._lock)
            {
                DueTicks = long.MaxValue;
                owner._timers.Remove(this);
            }
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}

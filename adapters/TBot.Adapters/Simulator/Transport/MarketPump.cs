using System.Collections.Concurrent;
using System.Diagnostics;
using TBot.Adapters.Simulator.Wire;

namespace TBot.Adapters.Simulator.Transport;

/// <summary>
/// The simulator's single writer: one dedicated thread that steps the market model at the configured message
/// rate, renders every step into the subscribed feeds, applies subscription changes and taker orders between
/// chunks, and runs the periodic timers. Pacing is a token bucket in messages: each step costs the frames it
/// produced (at least 1), work is done in chunks of about a millisecond, and connections are woken once per chunk
/// so their send loops write batches.
/// </summary>
internal sealed class MarketPump : IDisposable
{
    private const int MaxChunkMessages = 4096;
    private static readonly long TimerPeriodTicks = Stopwatch.Frequency / 20;

    private readonly SimulatorContext _ctx;
    private readonly ConcurrentQueue<Action> _commands = new();
    private readonly ManualResetEventSlim _wake = new(false);
    private Thread? _thread;
    private volatile bool _stop;
    private volatile bool _paused;
    private long _rateBits;
    private long _steps;

    public MarketPump(SimulatorContext ctx)
    {
        _ctx = ctx;
        MessagesPerSecond = ctx.Options.MessagesPerSecond;
        _paused = !ctx.Options.GenerateOnStart;
    }

    /// <summary>Target frames per second across all connections (steps per second when nobody listens).</summary>
    public double MessagesPerSecond
    {
        get => BitConverter.Int64BitsToDouble(Interlocked.Read(ref _rateBits));
        set => Interlocked.Exchange(ref _rateBits, BitConverter.DoubleToInt64Bits(Math.Max(0, value)));
    }

    public long Steps => Interlocked.Read(ref _steps);

    public bool IsPaused => _paused;

    public void Start()
    {
        _stop = false;
        _thread = new Thread(Run) { IsBackground = true, Name = "sim-pump" };
        _thread.Start();
    }

    public void Stop()
    {
        _stop = true;
        _wake.Set();
        _thread?.Join();
        _thread = null;
        // Complete whatever was posted meanwhile (an order awaiting its placement must not hang the shutdown).
        RunCommands();
    }

    /// <summary>Run <paramref name="action"/> on the pump thread between chunks, with the model lock held.</summary>
    public void Post(Action action)
    {
        _commands.Enqueue(action);
        _wake.Set();
    }

    public Task<T> InvokeAsync<T>(Func<T> func)
    {
        var tcs = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        Post(() =>
        {
            try
            {
                tcs.TrySetResult(func());
            }
            catch (Exception e)
            {
                tcs.TrySetException(e);
            }
        });
        if (_stop) tcs.TrySetCanceled();
        return tcs.Task;
    }

    /// <summary>Stop stepping; completes once no step is in progress (the pump has run this request).</summary>
    public Task PauseAsync()
    {
        if (_thread is null)
        {
            _paused = true;
            return Task.CompletedTask;
        }
        return InvokeAsync(() => _paused = true);
    }

    public void Resume()
    {
        _paused = false;
        _wake.Set();
    }

    /// <summary>The exception that stopped the pump thread, if a bug did (the process must not die of it).</summary>
    public Exception? Error { get; private set; }

    private void Run()
    {
        try
        {
            Loop();
        }
        catch (Exception e)
        {
            Error = e;
            Trace.TraceError($"simulator pump stopped: {e}");
        }
    }

    private void Loop()
    {
        var model = _ctx.Model;
        var dispatcher = _ctx.Dispatcher;
        var last = Stopwatch.GetTimestamp();
        var nextTimer = last;
        double credit = 0;
        while (!_stop)
        {
            RunCommands();
            var now = Stopwatch.GetTimestamp();
            var elapsed = (now - last) / (double)Stopwatch.Frequency;
            last = now;
            if (now >= nextTimer)
            {
                nextTimer = now + TimerPeriodTicks;
                lock (model.SyncRoot)
                {
                    var nowNs = WireTime.NowNs();
                    foreach (var feeds in _ctx.FeedsByVenue)
                    {
                        foreach (var feed in feeds) feed.OnTimer(nowNs);
                    }
                }
                dispatcher.FlushWakeups();
            }

            var rate = MessagesPerSecond;
            if (_paused || rate <= 0)
            {
                credit = 0;
                Sleep(20);
                continue;
            }
            // Cap the backlog at ~50 ms so a stall (GC, debugger) is not followed by a burst.
            credit = Math.Min(credit + elapsed * rate, Math.Max(1, rate * 0.05));
            if (credit < 1)
            {
                Sleep((int)Math.Clamp((1 - credit) / rate * 1000, 1, 20));
                continue;
            }

            var budget = (long)Math.Min(credit, MaxChunkMessages);
            long used = 0;
            lock (model.SyncRoot)
            {
                while (used < budget && !_paused) used += StepOnce();
            }
            credit -= used;
            dispatcher.FlushWakeups();
        }
    }

    private long StepOnce()
    {
        var before = _ctx.Dispatcher.Delivered;
        var step = _ctx.Model.NextStep(WireTime.NowNs());
        Interlocked.Increment(ref _steps);
        _ctx.Orders.OnMarketStep(step.Market);
        var feeds = _ctx.FeedsByVenue[(int)step.Market.Instrument.Venue];
        for (var i = 0; i < feeds.Count; i++) feeds[i].OnStep(step);
        return Math.Max(1, _ctx.Dispatcher.Delivered - before);
    }

    private void RunCommands()
    {
        if (_commands.IsEmpty) return;
        lock (_ctx.Model.SyncRoot)
        {
            while (_commands.TryDequeue(out var command))
            {
                try
                {
                    command();
                }
                catch (Exception e)
                {
                    // A bad request must not kill the pump; the command's own error path reports it.
                    Trace.TraceError($"simulator pump command failed: {e}");
                }
            }
        }
        _ctx.Dispatcher.FlushWakeups();
    }

    private void Sleep(int milliseconds)
    {
        _wake.Wait(milliseconds);
        _wake.Reset();
    }

    public void Dispose() => _wake.Dispose();
}

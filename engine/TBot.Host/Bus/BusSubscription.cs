using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using TBot.Persistence.Projections;

namespace TBot.Host.Bus;

/// <summary>
/// One subscriber of the <see cref="EventBus"/>: its own bounded queue and its own task that hands it one event
/// at a time, in publication order (so per key too). A handler that throws gets the same event again after an
/// exponential backoff with jitter; after <see cref="SubscriberOptions.MaxAttempts"/> the event is dead-lettered
/// (counted, logged, kept in <see cref="RecentDeadLetters"/>) and the next one is delivered. Events whose
/// idempotency key this subscriber already handled are skipped.
/// </summary>
public sealed class BusSubscription : IAsyncDisposable
{
    private const int KeptDeadLetters = 100;
    private readonly Func<BusEvent, CancellationToken, ValueTask> _handler;
    private readonly Channel<BusEvent> _queue;
    private readonly DedupeWindow _dedupe;
    private readonly ILogger _log;
    private readonly CancellationTokenSource _stop = new();
    private readonly Queue<(BusEvent Event, string Reason)> _deadLetters = new();
    private readonly Lock _lock = new();
    private readonly Task _loop;
    private long _delivered;
    private long _retries;
    private long _deadLettered;
    private long _duplicates;
    private long _overflows;

    internal BusSubscription(string name, Func<BusEvent, CancellationToken, ValueTask> handler, SubscriberOptions options, ILogger log)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxAttempts, 1);
        Name = name;
        Options = options;
        _handler = handler;
        _log = log;
        _dedupe = new DedupeWindow(options.DedupeCapacity);
        _queue = Channel.CreateBounded<BusEvent>(new BoundedChannelOptions(options.QueueCapacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
        _loop = Task.Run(LoopAsync);
    }

    public string Name { get; }

    public SubscriberOptions Options { get; }

    /// <summary>Events handled successfully (duplicates not counted).</summary>
    public long Delivered => Interlocked.Read(ref _delivered);

    /// <summary>Failed attempts that were retried.</summary>
    public long Retries => Interlocked.Read(ref _retries);

    /// <summary>Events given up on: attempts exhausted, or the queue was full.</summary>
    public long DeadLetters => Interlocked.Read(ref _deadLettered);

    /// <summary>Re-delivered events skipped because their idempotency key already took effect.</summary>
    public long Duplicates => Interlocked.Read(ref _duplicates);

    /// <summary>Of <see cref="DeadLetters"/>: events refused because the queue was full.</summary>
    public long Overflows => Interlocked.Read(ref _overflows);

    public int Pending => _queue.Reader.Count;

    public IReadOnlyList<(BusEvent Event, string Reason)> RecentDeadLetters
    {
        get { lock (_lock) return [.. _deadLetters]; }
    }

    /// <summary>Queue an event (never blocks); false (dead-lettered) when the queue is full or closed.</summary>
    internal bool Offer(BusEvent e)
    {
        if (_queue.Writer.TryWrite(e)) return true;
        Interlocked.Increment(ref _overflows);
        DeadLetter(e, "queue full");
        return false;
    }

    private async Task LoopAsync()
    {
        try
        {
            await foreach (var e in _queue.Reader.ReadAllAsync(_stop.Token).ConfigureAwait(false))
                await DeliverAsync(e).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // Disposed without draining.
        }
    }

    private async Task DeliverAsync(BusEvent e)
    {
        if (_dedupe.Contains(e.IdempotencyKey))
        {
            Interlocked.Increment(ref _duplicates);
            return;
        }
        var backoff = new RetryBackoff(Options.RetryInitial, Options.RetryMax);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await _handler(e, _stop.Token).ConfigureAwait(false);
                _dedupe.Mark(e.IdempotencyKey);
                Interlocked.Increment(ref _delivered);
                return;
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception ex)
            {
                if (attempt >= Options.MaxAttempts)
                {
                    DeadLetter(e, $"{attempt} attempts failed, last: {ex.Message}");
                    return;
                }
                Interlocked.Increment(ref _retries);
                var delay = backoff.NextDelay();
                _log.LogDebug("Bus subscriber {Subscriber}: {Kind} {Id} failed (attempt {Attempt}: {Error}); retrying in {Delay} ms",
                    Name, e.Kind, e.IdempotencyKey, attempt, ex.Message, (int)delay.TotalMilliseconds);
                await Task.Delay(delay, _stop.Token).ConfigureAwait(false);
            }
        }
    }

    private void DeadLetter(BusEvent e, string reason)
    {
        Interlocked.Increment(ref _deadLettered);
        lock (_lock)
        {
            _deadLetters.Enqueue((e, reason));
            if (_deadLetters.Count > KeptDeadLetters) _deadLetters.Dequeue();
        }
        _log.LogError("Bus subscriber {Subscriber} dead-lettered {Kind} {Id} ({Key}): {Reason}", Name, e.Kind, e.IdempotencyKey, e.Key, reason);
    }

    /// <summary>Stop taking events and deliver what is queued, giving up after <paramref name="timeout"/>.</summary>
    public async Task DrainAsync(TimeSpan timeout)
    {
        _queue.Writer.TryComplete();
        if (await Task.WhenAny(_loop, Task.Delay(timeout)).ConfigureAwait(false) != _loop)
        {
            _log.LogWarning("Bus subscriber {Subscriber}: {Pending} events not delivered at shutdown", Name, Pending);
            await _stop.CancelAsync().ConfigureAwait(false);
        }
        await _loop.ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        _stop.Dispose();
    }
}

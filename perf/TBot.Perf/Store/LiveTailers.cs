using TBot.Engine.Journal;
using TBot.Persistence.Projections;

namespace TBot.Perf.Store;

/// <summary>
/// Projections following a journal while the engine writes it, each on its own <see cref="ProjectionRunner"/> +
/// <see cref="JournalTail"/> on the thread pool, exactly as the engine runs them. Samples the worst lag every 100 ms (rarely: the sampler is one more thread waking beside the hot path).
/// Dispose (after the writer closed) waits until each has applied the whole journal, then stops them.
/// </summary>
internal sealed class LiveTailers : IDisposable
{
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromMinutes(2);

    private readonly JournalWriter _writer;
    private readonly List<(ProjectionRunner Runner, JournalTail Tail, Task Run)> _runs = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sampler;
    private long _maxLag;

    public LiveTailers(JournalWriter writer, IEnumerable<IProjection> projections)
    {
        _writer = writer;
        foreach (var projection in projections)
        {
            var tail = new JournalTail(writer.Directory);
            var runner = new ProjectionRunner(projection, tail, journalEnd: () => writer.WrittenPosition);
            _runs.Add((runner, tail, Task.Run(() => runner.RunAsync(_stop.Token))));
        }
        _sampler = Task.Run(SampleAsync);
    }

    public long MaxLagEvents => Interlocked.Read(ref _maxLag);

    public long Failures => _runs.Sum(r => r.Runner.Failures);

    public void Dispose()
    {
        var last = _writer.LastPosition;
        var deadline = DateTime.UtcNow + DrainTimeout;
        while (_runs.Any(r => r.Runner.Applied < last && !r.Run.IsCompleted) && DateTime.UtcNow < deadline) Thread.Sleep(5);
        _stop.Cancel();
        foreach (var (runner, tail, run) in _runs)
        {
            try { run.GetAwaiter().GetResult(); }
            catch (OperationCanceledException) { }
            tail.Dispose();
            if (runner.Applied < last)
                throw new InvalidOperationException($"{runner.Name} applied {runner.Applied} of {last} records within {DrainTimeout}: {runner.LastError?.Message ?? "no error"}");
        }
        try { _sampler.GetAwaiter().GetResult(); }
        catch (OperationCanceledException) { }
        _stop.Dispose();
    }

    private async Task SampleAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            foreach (var (runner, _, _) in _runs)
            {
                var lag = runner.LagEvents;
                if (lag > Interlocked.Read(ref _maxLag)) Interlocked.Exchange(ref _maxLag, lag);
            }
            await Task.Delay(100, _stop.Token).ConfigureAwait(false);
        }
    }
}

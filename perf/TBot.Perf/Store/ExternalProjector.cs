using System.Diagnostics;
using System.Text.Json;

namespace TBot.Perf.Store;

/// <summary>
/// A <c>nice -n 10 tbot project</c> child process following a journal that does not exist yet: started before the
/// measured run (its start-up CPU lands in the harness's warm-up), stopped with SIGTERM after it (it then catches up
/// to the journal's end and writes its summary).
/// </summary>
internal sealed class ExternalProjector : IDisposable
{
    private readonly Process _process;
    private readonly string _summary;

    private readonly Queue<string> _output;

    private ExternalProjector(Process process, string summary, Queue<string> output)
    {
        _process = process;
        _summary = summary;
        _output = output;
    }

    public int? ExitCode { get; private set; }

    /// <summary>The child's last output lines (why it failed, when it did).</summary>
    public string OutputTail
    {
        get
        {
            lock (_output) return string.Join(Environment.NewLine, _output);
        }
    }

    public static ExternalProjector Start(IReadOnlyList<string> tbot, string journal, string? redis, string? postgres)
    {
        var summary = Path.Combine(Path.GetTempPath(), $"tbot-perf-project-{Guid.NewGuid():N}.json");
        var start = new ProcessStartInfo("nice") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in (string[])["-n", "10", .. tbot, "project", "--journal", journal, "--json", summary]) start.ArgumentList.Add(a);
        if (redis is not null) { start.ArgumentList.Add("--redis"); start.ArgumentList.Add(redis); }
        if (postgres is not null) { start.ArgumentList.Add("--postgres"); start.ArgumentList.Add(postgres); }
        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start tbot project");
        // Drain its output so it never blocks on a full pipe; keep the tail for a failure report.
        var tail = new Queue<string>();
        var ready = new ManualResetEventSlim();
        void Keep(string? line)
        {
            if (line is null) return;
            if (line.StartsWith("tbot project: ready", StringComparison.Ordinal)) ready.Set();
            lock (tail)
            {
                tail.Enqueue(line);
                if (tail.Count > 20) tail.Dequeue();
            }
        }
        process.OutputDataReceived += (_, e) => Keep(e.Data);
        process.ErrorDataReceived += (_, e) => Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        // Its start-up (JIT at nice 10) must be over before the measured run begins.
        if (!ready.Wait(TimeSpan.FromSeconds(60))) throw new InvalidOperationException("tbot project did not start within 60 s");
        return new ExternalProjector(process, summary, tail);
    }

    /// <summary>Worst lag at the end (0 when it caught up) and store errors, from the child's summary.</summary>
    public (long Lag, long Failures, IReadOnlyList<string> Names) Stop()
    {
        if (!_process.HasExited)
        {
            using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])) kill?.WaitForExit();
            if (!_process.WaitForExit(TimeSpan.FromSeconds(120))) _process.Kill(entireProcessTree: true);
        }
        _process.WaitForExit(); // flushes the redirected output
        ExitCode = _process.ExitCode;
        if (!File.Exists(_summary)) return (-1, -1, []);
        var projections = JsonDocument.Parse(File.ReadAllText(_summary)).RootElement.GetProperty("projections");
        long lag = 0, failures = 0;
        var names = new List<string>();
        foreach (var p in projections.EnumerateObject())
        {
            names.Add(p.Name);
            lag = Math.Max(lag, p.Value.GetProperty("lag_events").GetInt64());
            failures += p.Value.GetProperty("failures").GetInt64();
        }
        File.Delete(_summary);
        return (lag, failures, names);
    }

    public void Dispose() => _process.Dispose();
}

using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.InteropServices;

namespace TBot.Host.Tests.Http;

/// <summary>A process started by a test (tbot, prometheus): output kept for failure messages, stopped with SIGTERM,
/// killed if it does not stop.</summary>
internal sealed partial class ChildProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();
    private readonly ConcurrentQueue<string> _errors = new();

    private ChildProcess(Process process)
    {
        _process = process;
        process.OutputDataReceived += (_, e) => { if (e.Data is { } line) _output.Enqueue(line); };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not { } line) return;
            _output.Enqueue(line);
            _errors.Enqueue(line);
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public static ChildProcess Start(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file, args) { RedirectStandardOutput = true, RedirectStandardError = true };
        return new ChildProcess(Process.Start(start) ?? throw new InvalidOperationException($"{file} did not start"));
    }

    /// <summary>tbot from the test's output directory, as the binary users run.</summary>
    public static ChildProcess Tbot(params string[] args) => Tbot(new Dictionary<string, string?>(), args);

    /// <summary>tbot with variables added to (value) or removed from (null) its environment.</summary>
    public static ChildProcess Tbot(IReadOnlyDictionary<string, string?> environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet", ["exec", Path.Combine(AppContext.BaseDirectory, "tbot.dll"), .. args]) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var (name, value) in environment)
        {
            if (value is null) start.Environment.Remove(name);
            else start.Environment[name] = value;
        }
        return new ChildProcess(Process.Start(start) ?? throw new InvalidOperationException("tbot did not start"));
    }

    public bool HasExited => _process.HasExited;

    /// <summary>Everything written so far (stdout and stderr interleaved), and stderr alone (the log lines).</summary>
    public IReadOnlyList<string> Output => [.. _output];

    public IReadOnlyList<string> ErrorLines => [.. _errors];

    /// <summary>Wait for the process to end by itself (bounded); the exit code, or null when it had to be killed.</summary>
    public async Task<int?> WaitAsync(TimeSpan timeout)
    {
        using var wait = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(wait.Token);
            _process.WaitForExit(); // the output readers have drained
            return _process.ExitCode;
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
            return null;
        }
    }

    /// <summary>The last lines the process wrote (for assertion messages).</summary>
    public string Tail(int lines = 40) => string.Join(Environment.NewLine, _output.TakeLast(lines));

    /// <summary>SIGTERM, then wait up to <paramref name="timeout"/>; the exit code, or null when it had to be killed.</summary>
    public Task<int?> StopAsync(TimeSpan timeout)
    {
        if (!_process.HasExited) _ = Kill(_process.Id, 15);
        return WaitAsync(timeout);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited) await StopAsync(TimeSpan.FromSeconds(20));
        _process.Dispose();
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}

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

    private ChildProcess(Process process)
    {
        _process = process;
        process.OutputDataReceived += (_, e) => { if (e.Data is { } line) _output.Enqueue(line); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is { } line) _output.Enqueue(line); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public static ChildProcess Start(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file, args) { RedirectStandardOutput = true, RedirectStandardError = true };
        return new ChildProcess(Process.Start(start) ?? throw new InvalidOperationException($"{file} did not start"));
    }

    /// <summary>tbot from the test's output directory, as the binary users run.</summary>
    public static ChildProcess Tbot(params string[] args) =>
        Start("dotnet", ["exec", Path.Combine(AppContext.BaseDirectory, "tbot.dll"), .. args]);

    public bool HasExited => _process.HasExited;

    /// <summary>Wait (bounded, 60 s) for a short command to exit on its own; its exit code, or null when it had to be killed.</summary>
    public async Task<int?> StopAfterExitAsync()
    {
        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await _process.WaitForExitAsync(wait.Token);
            _process.WaitForExit(); // drain the redirected output
            return _process.ExitCode;
        }
        catch (OperationCanceledException)
        {
            return await StopAsync(TimeSpan.FromSeconds(5));
        }
    }

    /// <summary>The last lines the process wrote (for assertion messages).</summary>
    public string Tail(int lines = 40) => string.Join(Environment.NewLine, _output.TakeLast(lines));

    /// <summary>SIGTERM, then wait up to <paramref name="timeout"/>; the exit code, or null when it had to be killed.</summary>
    public async Task<int?> StopAsync(TimeSpan timeout)
    {
        if (!_process.HasExited) _ = Kill(_process.Id, 15);
        using var wait = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(wait.Token);
            return _process.ExitCode;
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
            return null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited) await StopAsync(TimeSpan.FromSeconds(20));
        _process.Dispose();
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}

using System.Diagnostics;
using System.Text;

namespace TBot.Host.Tests.Stores;

/// <summary>Runs a helper command (redis-cli, pg_ctlcluster, ...) to completion and keeps what it printed for the failure message.</summary>
internal static class ChildProcess
{
    public static async Task<(int Exit, string Output)> RunAsync(string file, IEnumerable<string> arguments, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            // psql run as postgres must be able to read its working directory.
            WorkingDirectory = Path.GetTempPath(),
        };
        foreach (var a in arguments) start.ArgumentList.Add(a);
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException($"{file} did not start");
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException($"{file} is not installed or not on PATH", ex);
        }
        using (process)
        {
            var output = new StringBuilder();
            process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
            process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            using var cts = new CancellationTokenSource(timeout);
            try
            {
                await process.WaitForExitAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"{file} {string.Join(' ', arguments)} did not finish within {timeout.TotalSeconds} s: {output}");
            }
            lock (output) return (process.ExitCode, output.ToString());
        }
    }

    /// <summary>Like <see cref="RunAsync"/>, but a non-zero exit is an error carrying the command's output.</summary>
    public static async Task<string> CheckedAsync(string file, params string[] arguments)
    {
        var (exit, output) = await RunAsync(file, arguments, TimeSpan.FromSeconds(60));
        if (exit != 0) throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} exited with {exit}: {output}");
        return output;
    }
}

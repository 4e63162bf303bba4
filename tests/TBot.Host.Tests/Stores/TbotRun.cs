using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace TBot.Host.Tests.Stores;

/// <summary>
/// One <c>tbot run</c> as a child process of the test (the real binary, its own runtime and thread pool), with its
/// summary written to a JSON file. Output is kept (the tail) so a failed assertion can show what the engine said.
/// TBOT_REDIS / TBOT_POSTGRES are removed from its environment: the stores are the ones on its command line.
/// </summary>
internal sealed class TbotRun : IDisposable
{
    private const int KeptLines = 400;
    private readonly Process _process;
    private readonly Queue<string> _tail = new();

    private TbotRun(Process process, string summaryPath)
    {
        _process = process;
        SummaryPath = summaryPath;
    }

    public string SummaryPath { get; }

    public bool HasExited => _process.HasExited;

    /// <summary>Start <c>tbot run --json TMP args...</c>.</summary>
    public static TbotRun Start(params string[] runArguments)
    {
        var summary = Path.Combine(Path.GetTempPath(), $"tbot-{Guid.NewGuid():N}-run.json");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in (string[])["exec", Path.Combine(AppContext.BaseDirectory, "tbot.dll"), "run", "--json", summary, .. runArguments])
            start.ArgumentList.Add(a);
        start.Environment.Remove("TBOT_REDIS");
        start.Environment.Remove("TBOT_POSTGRES");
        var run = new TbotRun(Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start"), summary);
        run._process.OutputDataReceived += (_, e) => run.Keep(e.Data);
        run._process.ErrorDataReceived += (_, e) => run.Keep(e.Data);
        run._process.BeginOutputReadLine();
        run._process.BeginErrorReadLine();
        return run;
    }

    private void Keep(string? line)
    {
        if (line is null) return;
        lock (_tail)
        {
            _tail.Enqueue(line);
            if (_tail.Count > KeptLines) _tail.Dequeue();
        }
    }

    /// <summary>The last lines the engine printed.</summary>
    public string Output
    {
        get
        {
            lock (_tail) return string.Join('\n', _tail);
        }
    }

    /// <summary>Wait for the run to end by itself (its --duration plus the stores' drain). Not a timing assertion: the
    /// limit only keeps a hung engine from hanging the test run; it is killed and the test fails with its output.</summary>
    public async Task<int> WaitAsync(TimeSpan limit)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cts.CancelAfter(limit);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            Assert.Fail($"tbot run did not end within {limit.TotalSeconds} s; its output:\n{Output}");
        }
        _process.WaitForExit(); // drains the redirected output
        return _process.ExitCode;
    }

    /// <summary>Wait for the end, require exit code 0 and return the summary.</summary>
    public async Task<JsonElement> SucceedAsync(TimeSpan limit)
    {
        var exit = await WaitAsync(limit);
        Assert.True(exit == 0, $"tbot run exited with {exit}; its output:\n{Output}");
        Assert.True(File.Exists(SummaryPath), $"tbot run wrote no summary; its output:\n{Output}");
        return JsonDocument.Parse(File.ReadAllText(SummaryPath)).RootElement;
    }

    public void Dispose()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.Dispose();
    }
}

using System.Runtime.ExceptionServices;

namespace TBot.Engine.Tests.Infrastructure;

/// <summary>Safety-net timeouts. They only turn a hang into a failure; no test asserts on speed.</summary>
public static class Timeouts
{
    public static readonly TimeSpan Safety = TimeSpan.FromSeconds(30);
}

/// <summary>A background thread whose exception is captured and rethrown on <see cref="Join"/> (an exception
/// escaping a raw thread would kill the test host).</summary>
public sealed class Worker
{
    private readonly Thread _thread;
    private Exception? _error;

    public Worker(string name, Action body)
    {
        _thread = new Thread(() =>
        {
            try
            {
                body();
            }
            catch (Exception ex)
            {
                _error = ex;
            }
        })
        {
            Name = name,
            IsBackground = true,
        };
        _thread.Start();
    }

    public Thread Thread => _thread;

    public bool IsAlive => _thread.IsAlive;

    /// <summary>Wait for the thread (failing after the safety timeout) and rethrow its exception, if any.</summary>
    public void Join()
    {
        if (!_thread.Join(Timeouts.Safety))
            throw new TimeoutException($"Thread '{_thread.Name}' did not finish within {Timeouts.Safety.TotalSeconds} s.");
        if (_error is not null) ExceptionDispatchInfo.Capture(_error).Throw();
    }
}

public static class Wait
{
    /// <summary>Poll <paramref name="condition"/> until it holds or the safety timeout passes; returns whether it held.</summary>
    public static bool Until(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Timeouts.Safety;
        var spinner = new SpinWait();
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) return condition();
            spinner.SpinOnce(sleep1Threshold: 20);
        }
        return true;
    }

    /// <summary>Assert that <paramref name="condition"/> becomes true before the safety timeout.</summary>
    public static void AssertEventually(Func<bool> condition, string what)
    {
        Assert.True(Until(condition), $"Timed out after {Timeouts.Safety.TotalSeconds} s waiting for: {what}");
    }
}

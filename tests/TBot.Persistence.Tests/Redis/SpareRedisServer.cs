using System.Diagnostics;
using System.Net.Sockets;

namespace TBot.Persistence.Tests.Redis;

/// <summary>A redis-server this test starts on a spare port (no persistence), so it can be stopped and started
/// again mid-run without touching the shared server.</summary>
internal sealed class SpareRedisServer : IDisposable
{
    private Process? _process;

    private readonly string[] _extraArguments;

    public SpareRedisServer(int port, params string[] extraArguments)
    {
        Port = port;
        _extraArguments = extraArguments;
    }

    public int Port { get; }

    /// <summary>The server's password (started with <c>--requirepass</c>), needed to shut it down.</summary>
    public string? Password { get; init; }

    public string Configuration => $"127.0.0.1:{Port},connectTimeout=1000,asyncTimeout=1000,syncTimeout=1000";

    public void Start()
    {
        if (Answers()) throw new InvalidOperationException($"Port {Port} is already in use; the outage test needs it free.");
        var start = new ProcessStartInfo("redis-server") { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in new[] { "--port", Port.ToString(), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no" }) start.ArgumentList.Add(a);
        foreach (var a in _extraArguments) start.ArgumentList.Add(a);
        if (Password is not null)
        {
            start.ArgumentList.Add("--requirepass");
            start.ArgumentList.Add(Password);
        }
        try
        {
            _process = Process.Start(start) ?? throw new InvalidOperationException("redis-server did not start");
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException("redis-server is not installed (the outage test starts its own on a spare port)", ex);
        }
        _process.OutputDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        var deadline = Environment.TickCount64 + 5000;
        while (!Answers())
        {
            if (Environment.TickCount64 > deadline) throw new TimeoutException($"redis-server on port {Port} did not come up");
            Thread.Sleep(20);
        }
    }

    /// <summary>Stop it the way an operator or a crash would: the server goes away with its data.</summary>
    public void Stop()
    {
        if (_process is null) return;
        string[] auth = Password is null ? [] : ["-a", Password, "--no-auth-warning"];
        using (var cli = Process.Start("redis-cli", [.. auth, "-p", Port.ToString(), "shutdown", "nosave"]))
            cli.WaitForExit(5000);
        if (!_process.WaitForExit(5000)) _process.Kill();
        _process.Dispose();
        _process = null;
    }

    public void Dispose() => Stop();

    private bool Answers()
    {
        try
        {
            using var client = new TcpClient();
            client.Connect("127.0.0.1", Port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}

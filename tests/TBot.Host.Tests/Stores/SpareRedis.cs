using System.Diagnostics;
using System.Net.Sockets;
using StackExchange.Redis;

namespace TBot.Host.Tests.Stores;

/// <summary>
/// A redis-server of the test's own on a spare port, so it can be stopped and started mid-run without touching
/// the shared server and its keys are only this test's. It saves to its own directory when stopped and loads
/// that on start: an outage of the server, not a loss of its data.
/// </summary>
internal sealed class SpareRedis : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"tbot-{Guid.NewGuid():N}-redis");
    private Process? _process;

    public SpareRedis(int port)
    {
        Port = port;
        Directory.CreateDirectory(_directory);
    }

    public int Port { get; }

    /// <summary>What the engine is given: short timeouts, so a command sent while the server is down fails
    /// (and is retried by the projection) instead of waiting in the client's backlog for the server to return.</summary>
    public string Configuration => $"127.0.0.1:{Port},connectTimeout=1000,asyncTimeout=1000,syncTimeout=1000";

    public static SpareRedis Start(int port)
    {
        var redis = new SpareRedis(port);
        redis.Start();
        return redis;
    }

    public void Start()
    {
        if (Answers()) throw new InvalidOperationException($"Port {Port} is already in use (a redis-server left by an aborted run? stop it: redis-cli -p {Port} shutdown nosave)");
        var start = new ProcessStartInfo("redis-server") { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in (string[])["--port", Port.ToString(), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", _directory, "--dbfilename", "dump.rdb"])
            start.ArgumentList.Add(a);
        try
        {
            _process = Process.Start(start) ?? throw new InvalidOperationException("redis-server did not start");
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException("redis-server is not installed (the store tests start their own on spare ports)", ex);
        }
        _process.OutputDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        var deadline = Environment.TickCount64 + 10_000;
        while (!Answers())
        {
            if (_process.HasExited) throw new InvalidOperationException($"redis-server on port {Port} exited with {_process.ExitCode}");
            if (Environment.TickCount64 > deadline) throw new TimeoutException($"redis-server on port {Port} did not come up");
            Thread.Sleep(20);
        }
    }

    /// <summary>Shut the server down, saving its data first (<c>SHUTDOWN SAVE</c>), like an operator restarting it.</summary>
    public async Task StopAsync(bool save = true)
    {
        if (_process is null) return;
        await ChildProcess.RunAsync("redis-cli", ["-p", Port.ToString(), "shutdown", save ? "save" : "nosave"], TimeSpan.FromSeconds(10));
        if (!_process.WaitForExit(10_000)) _process.Kill();
        _process.Dispose();
        _process = null;
    }

    public Task<ConnectionMultiplexer> ConnectAsync() => ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{Port}");

    public void Dispose()
    {
        if (_process is not null)
        {
            try { _process.Kill(); _process.WaitForExit(5000); }
            catch (InvalidOperationException) { /* already gone */ }
            _process.Dispose();
            _process = null;
        }
        try { Directory.Delete(_directory, recursive: true); }
        catch (IOException) { }
    }

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

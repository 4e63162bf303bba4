using System.Diagnostics;

namespace TBot.Persistence.Tests.Redis;

/// <summary>A three-master Redis Cluster on spare ports, started by the test (no replicas, no persistence).</summary>
internal sealed class SpareRedisCluster : IDisposable
{
    private readonly SpareRedisServer[] _nodes;
    private readonly string _directory;

    public SpareRedisCluster(int firstPort)
    {
        _directory = Path.Combine(Path.GetTempPath(), "tbot-cluster-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_directory);
        _nodes = new SpareRedisServer[3];
        for (var i = 0; i < _nodes.Length; i++)
        {
            var port = firstPort + i;
            _nodes[i] = new SpareRedisServer(port, "--cluster-enabled", "yes", "--cluster-config-file", Path.Combine(_directory, $"nodes-{port}.conf"));
        }
    }

    public string Configuration => string.Join(",", _nodes.Select(n => $"127.0.0.1:{n.Port}"));

    public void Start()
    {
        foreach (var n in _nodes) n.Start();
        var create = new ProcessStartInfo("redis-cli") { RedirectStandardOutput = true, RedirectStandardError = true };
        create.ArgumentList.Add("--cluster");
        create.ArgumentList.Add("create");
        foreach (var n in _nodes) create.ArgumentList.Add($"127.0.0.1:{n.Port}");
        foreach (var a in new[] { "--cluster-replicas", "0", "--cluster-yes" }) create.ArgumentList.Add(a);
        using var cli = Process.Start(create)!;
        var output = cli.StandardOutput.ReadToEnd();
        cli.WaitForExit();
        if (cli.ExitCode != 0) throw new InvalidOperationException("redis-cli --cluster create failed: " + output);
        // The nodes agree on the slot map a moment after the create.
        var deadline = Environment.TickCount64 + 10_000;
        while (!Ok())
        {
            if (Environment.TickCount64 > deadline) throw new TimeoutException("cluster did not reach cluster_state:ok");
            Thread.Sleep(50);
        }
    }

    public void Dispose()
    {
        foreach (var n in _nodes) n.Dispose();
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { }
    }

    private bool Ok()
    {
        foreach (var n in _nodes)
        {
            using var cli = Process.Start(new ProcessStartInfo("redis-cli", ["-p", n.Port.ToString(), "cluster", "info"]) { RedirectStandardOutput = true })!;
            var text = cli.StandardOutput.ReadToEnd();
            cli.WaitForExit();
            if (!text.Contains("cluster_state:ok", StringComparison.Ordinal)) return false;
        }
        return true;
    }
}

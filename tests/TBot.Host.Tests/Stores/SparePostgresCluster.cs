using System.Net.Sockets;

namespace TBot.Host.Tests.Stores;

/// <summary>
/// A PostgreSQL cluster of the test's own (Debian's postgresql-common: <c>pg_createcluster</c>, <c>pg_ctlcluster</c>),
/// so the test can stop and start the server under a running engine. Needs root (CI runs as root); the database
/// role is made with psql run as the postgres user. A cluster left by an aborted run is dropped first.
/// </summary>
internal sealed class SparePostgresCluster : IAsyncDisposable
{
    private readonly string _version;
    private readonly string _name;

    private SparePostgresCluster(string version, string name, int port)
    {
        _version = version;
        _name = name;
        Port = port;
    }

    public int Port { get; }

    public string ConnectionString => $"Host=127.0.0.1;Port={Port};Username=tbot;Password=tbot;Database=tbot;Timeout=5;Command Timeout=30";

    public static async Task<SparePostgresCluster> CreateAsync(string name, int port)
    {
        if (!Environment.IsPrivilegedProcess)
            Assert.Fail($"This test creates its own PostgreSQL cluster (pg_createcluster) and must run as root, as CI does; running as '{Environment.UserName}'.");
        var versions = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(Path.GetFileName).Where(v => int.TryParse(v, out _)).OrderBy(v => int.Parse(v!)).ToList()
            : [];
        if (versions.Count == 0) Assert.Fail("PostgreSQL server binaries not found under /usr/lib/postgresql (apt-get install postgresql)");
        var version = versions[^1]!;

        // A cluster of this name left by an aborted run (any version, running or not) goes first.
        var clusters = await ChildProcess.CheckedAsync("pg_lsclusters", "-h");
        foreach (var line in clusters.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (f.Length > 1 && f[1] == name) await ChildProcess.CheckedAsync("pg_dropcluster", "--stop", f[0], name);
        }
        if (Answers(port)) Assert.Fail($"Port {port} is in use by something else; the test's PostgreSQL cluster needs it.");

        var cluster = new SparePostgresCluster(version, name, port);
        await ChildProcess.CheckedAsync("pg_createcluster", version, name, "-p", port.ToString(), "--start-conf=manual", "--start");
        await ChildProcess.CheckedAsync("runuser", "-u", "postgres", "--", "psql", "-p", port.ToString(), "-v", "ON_ERROR_STOP=1", "-q",
            "-c", "CREATE ROLE tbot LOGIN PASSWORD 'tbot'", "-c", "CREATE DATABASE tbot OWNER tbot");
        return cluster;
    }

    /// <summary>Stop the server (fast mode: open sessions are cut, like a crash of the connections).</summary>
    public Task StopAsync() => ChildProcess.CheckedAsync("pg_ctlcluster", _version, _name, "stop", "-m", "fast");

    public Task StartAsync() => ChildProcess.CheckedAsync("pg_ctlcluster", _version, _name, "start");

    public async ValueTask DisposeAsync() => await ChildProcess.RunAsync("pg_dropcluster", ["--stop", _version, _name], TimeSpan.FromSeconds(60));

    private static bool Answers(int port)
    {
        try
        {
            using var client = new TcpClient();
            client.Connect("127.0.0.1", port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}

using System.Net;
using System.Net.Sockets;

namespace TBot.Host.Tests.Stores;

/// <summary>Stores that are not there at all: the engine trades anyway, reports them behind with the reason, and
/// ends on time (the drain at shutdown is bounded).</summary>
public class StoresDownAtStartTests
{
    [Fact]
    public async Task A_run_whose_stores_never_answer_trades_and_reports_them_behind()
    {
        var (redisPort, postgresPort) = (UnusedPort(), UnusedPort());
        // A short run: a store that is down must not hold up the start (connection attempts run in the background).
        using var run = TbotRun.Start("--journal", Path.Combine(Path.GetTempPath(), $"tbot-{Guid.NewGuid():N}-journal"), "--duration", "3s",
            "--sim-rate", "3000", "--redis", $"127.0.0.1:{redisPort}", "--postgres", $"Host=127.0.0.1;Port={postgresPort};Username=tbot;Password=tbot;Database=tbot");
        var summary = new RunSummaryView(await run.SucceedAsync(TimeSpan.FromSeconds(90)));

        Assert.True(summary.Root.GetProperty("ring").GetProperty("processed").GetInt64() > 0, "the engine processed no event");
        Assert.True(summary.JournalLastPosition > 0);
        foreach (var (name, port) in (ValueTuple<string, int>[])[("redis-hot", redisPort), ("warm_tables", postgresPort)])
        {
            var p = summary.Projection(name);
            Assert.Equal(0, p.Applied);
            Assert.Equal(summary.JournalLastPosition, p.LagEvents);
            Assert.True(p.Failures > 0, $"{name}: no failure counted");
            Assert.True(p.LastError?.Contains($"127.0.0.1:{port}") == true, $"{name}: the last error should name the unreachable server 127.0.0.1:{port}: {p.LastError}");
        }
        Assert.Empty(summary.Peers());
    }

    /// <summary>A loopback port nothing listens on (bound once by the OS, then released).</summary>
    private static int UnusedPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}

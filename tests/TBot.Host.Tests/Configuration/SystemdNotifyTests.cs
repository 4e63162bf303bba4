using System.Net.Sockets;
using System.Text;
using TBot.Host.Tests.Http;

namespace TBot.Host.Tests.Configuration;

/// <summary><c>Type=notify</c>: with NOTIFY_SOCKET pointing at a unix datagram socket the test owns (as systemd's
/// would be), a run sends READY=1 once it trades and STOPPING=1 when SIGTERM starts the graceful stop.</summary>
public class SystemdNotifyTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task A_run_under_systemd_notifies_ready_then_stopping()
    {
        var ct = TestContext.Current.CancellationToken;
        var path = Path.Combine(Path.GetTempPath(), $"tbot-notify-{Guid.NewGuid():N}.sock");
        using var socket = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        socket.Bind(new UnixDomainSocketEndPoint(path));
        try
        {
            var journal = Path.Combine(Path.GetTempPath(), $"tbot-{Guid.NewGuid():N}-journal");
            await using var tbot = ChildProcess.Tbot(new Dictionary<string, string?> { ["NOTIFY_SOCKET"] = path },
                "run", "--journal", journal, "--http", "off");

            var ready = await Receive(socket, tbot, ct);
            Assert.True(ready == "READY=1", $"first notification '{ready}'; tbot:\n{tbot.Tail()}");
            Assert.False(tbot.HasExited);

            var stop = tbot.StopAsync(Bound);
            var stopping = await Receive(socket, tbot, ct);
            Assert.Equal("STOPPING=1", stopping);
            Assert.Equal(0, await stop);
            Assert.Contains(tbot.Output, l => l.Contains("systemd notified: READY=1", StringComparison.Ordinal));
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>The next datagram, waiting at most <see cref="Bound"/> (and not after tbot exited with nothing sent).</summary>
    private static async Task<string> Receive(Socket socket, ChildProcess tbot, CancellationToken ct)
    {
        var buffer = new byte[4096];
        var deadline = DateTime.UtcNow + Bound;
        while (DateTime.UtcNow < deadline)
        {
            using var slice = CancellationTokenSource.CreateLinkedTokenSource(ct);
            slice.CancelAfter(TimeSpan.FromSeconds(1));
            try
            {
                var n = await socket.ReceiveAsync(buffer, SocketFlags.None, slice.Token);
                return Encoding.UTF8.GetString(buffer, 0, n).Trim();
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                if (tbot.HasExited && socket.Available == 0) break;
            }
        }
        throw new Xunit.Sdk.XunitException($"no notification on NOTIFY_SOCKET; tbot:\n{tbot.Tail()}");
    }
}

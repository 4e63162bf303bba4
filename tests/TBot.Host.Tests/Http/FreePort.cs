using System.Net;
using System.Net.Sockets;

namespace TBot.Host.Tests.Http;

internal static class FreePort
{
    /// <summary>A loopback port the OS just handed out (free now; a test binds it right away).</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using TBot.Adapters.Simulator;

namespace TBot.Adapters.Tests.Simulator;

/// <summary>Starts a simulator on ephemeral ports for one test.</summary>
internal static class SimTest
{
    public static async Task<SimulatorHost> StartAsync(Action<SimulatorOptions>? configure = null)
    {
        var options = new SimulatorOptions { MessagesPerSecond = 20_000, Seed = 7 };
        configure?.Invoke(options);
        var host = new SimulatorHost(options);
        await host.StartAsync(TestContext.Current.CancellationToken);
        return host;
    }

    /// <summary>A bounded budget for one test's network waits.</summary>
    public static CancellationToken Timeout(int seconds = 15)
    {
        var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cts.CancelAfter(TimeSpan.FromSeconds(seconds));
        return cts.Token;
    }

    public static async Task<(int Status, string Body, HttpResponseMessage Response)> GetAsync(Uri baseUri, string pathAndQuery, CancellationToken ct)
    {
        using var client = new HttpClient();
        var response = await client.GetAsync(new Uri(baseUri, pathAndQuery), ct);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync(ct), response);
    }
}

/// <summary>A small test WebSocket client: whole text messages as strings or JSON documents.</summary>
internal sealed class WsClient : IAsyncDisposable
{
    private readonly ClientWebSocket _socket = new();
    private readonly byte[] _buffer = new byte[1 << 16];

    public WebSocket Socket => _socket;

    public static async Task<WsClient> ConnectAsync(Uri uri, CancellationToken ct)
    {
        var c = new WsClient();
        await c._socket.ConnectAsync(uri, ct);
        return c;
    }

    public Task SendAsync(string text, CancellationToken ct) =>
        _socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, ct);

    /// <summary>The next text message, or null when the server closed.</summary>
    public async Task<string?> ReceiveAsync(CancellationToken ct)
    {
        using var ms = new MemoryStream();
        while (true)
        {
            var r = await _socket.ReceiveAsync(_buffer, ct);
            if (r.MessageType == WebSocketMessageType.Close) return null;
            ms.Write(_buffer, 0, r.Count);
            if (r.EndOfMessage) return Encoding.UTF8.GetString(ms.GetBuffer(), 0, (int)ms.Length);
        }
    }

    public async Task<JsonDocument> ReceiveJsonAsync(CancellationToken ct)
    {
        var text = await ReceiveAsync(ct) ?? throw new InvalidOperationException("connection closed");
        return JsonDocument.Parse(text);
    }

    /// <summary>Skip messages until one matches (bounded by <paramref name="maxMessages"/>).</summary>
    public async Task<JsonDocument> ReceiveUntilAsync(Func<JsonElement, bool> match, CancellationToken ct, int maxMessages = 100_000)
    {
        for (var i = 0; i < maxMessages; i++)
        {
            var doc = await ReceiveJsonAsync(ct);
            if (match(doc.RootElement)) return doc;
            doc.Dispose();
        }
        throw new InvalidOperationException("no matching message");
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_socket.State == WebSocketState.Open)
            {
                using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", cts.Token);
            }
        }
        catch (Exception)
        {
            // The server may already be gone (drop-connection tests).
        }
        _socket.Dispose();
    }
}

internal static class JsonExtensions
{
    public static bool Has(this JsonElement e, string name) => e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out _);

    public static string Str(this JsonElement e, string name) => e.GetProperty(name).GetString()!;

    public static long Long(this JsonElement e, string name) => e.GetProperty(name).GetInt64();
}

using System.Text.Json;
using Microsoft.AspNetCore.Http;
using TBot.Adapters.Simulator.Transport;

namespace TBot.Adapters.Simulator.History;

/// <summary>
/// Sends a history page, or for <see cref="Faults.FaultKind.DropHistoryPage"/> its headers and the first half of
/// its body (with the full Content-Length) and then aborts the connection: a page cut off mid-transfer.
/// </summary>
internal static class HistoryResponder
{
    public static async Task WriteAsync(HttpContext http, Action<Utf8JsonWriter> write, bool dropMidPage)
    {
        using var builder = new JsonFrameBuilder(64 * 1024);
        write(builder.Start());
        var body = builder.FinishMemory();
        http.Response.StatusCode = 200;
        http.Response.ContentType = RestResponder.JsonContentType;
        http.Response.ContentLength = body.Length;
        if (!dropMidPage)
        {
            await http.Response.Body.WriteAsync(body, http.RequestAborted).ConfigureAwait(false);
            return;
        }
        await http.Response.Body.WriteAsync(body[..(body.Length / 2)], http.RequestAborted).ConfigureAwait(false);
        await http.Response.Body.FlushAsync(http.RequestAborted).ConfigureAwait(false);
        http.Abort();
    }
}

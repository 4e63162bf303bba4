using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace TBot.Adapters.Simulator.Transport;

/// <summary>Renders a REST body with Utf8JsonWriter into a pooled buffer and writes it out.</summary>
internal static class RestResponder
{
    public const string JsonContentType = "application/json;charset=UTF-8";

    /// <summary>Render synchronously (so callers can hold the model lock while writing) and send.</summary>
    public static Task WriteAsync(HttpContext ctx, int status, Action<Utf8JsonWriter> write)
    {
        var builder = new JsonFrameBuilder(4 * 1024);
        write(builder.Start());
        return SendAsync(ctx, status, builder);
    }

    /// <summary>Render with the model lock held, then send outside it.</summary>
    public static Task WriteLockedAsync(HttpContext ctx, object gate, int status, Action<Utf8JsonWriter> write)
    {
        var builder = new JsonFrameBuilder(4 * 1024);
        lock (gate) write(builder.Start());
        return SendAsync(ctx, status, builder);
    }

    private static async Task SendAsync(HttpContext ctx, int status, JsonFrameBuilder builder)
    {
        using (builder)
        {
            var body = builder.FinishMemory();
            ctx.Response.StatusCode = status;
            ctx.Response.ContentType = JsonContentType;
            ctx.Response.ContentLength = body.Length;
            await ctx.Response.Body.WriteAsync(body, ctx.RequestAborted).ConfigureAwait(false);
        }
    }
}

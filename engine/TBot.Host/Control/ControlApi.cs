using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TBot.Engine.Trading;
using TBot.Host.Bus;
using TBot.Host.Http;
using TBot.Host.Running;

namespace TBot.Host.Control;

/// <summary>
/// The control API under <c>/api/</c>: <c>GET /api/bots</c> (readable like /health: without a token when none is
/// configured), <c>POST /api/bots/{id}/pause|resume|kill|flatten|cancel-all</c> and <c>POST /api/kill</c> (every
/// bot). Actions always need a token: without <c>--http-token</c> they answer 403; a wrong or missing token is
/// refused with 401 by <see cref="BearerTokenMiddleware"/> before it gets here. Each action is published as a control
/// event on the ring exactly like a <c>--control</c> line, so the journal records where it took effect and a replay
/// applies it at the same point; the answer (202) says where it went (<see cref="ControlReceipt"/>).
/// </summary>
public static class ControlApi
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/api/bots", (RunView view) =>
            view.Parts is { } parts
                ? Results.Json(parts.Session.Core.Bots.Select(b => BotStatus.Of(parts.Session.Core, b)).ToList())
                : Unavailable(view));
        app.MapPost("/api/bots/{botId}/{action}", (string botId, string action, HttpContext context, RunView view, IOptions<HttpAccessOptions> access, ILoggerFactory loggers) =>
        {
            if (Refused(access.Value) is { } refused) return refused;
            if (!ControlActions.TryParse(action, out var command))
                return Error(StatusCodes.Status400BadRequest, $"unknown action '{action}': one of {string.Join(", ", ControlActions.ByName.Keys)}");
            if (!int.TryParse(botId, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
                return Error(StatusCodes.Status400BadRequest, $"'{botId}' is not a bot id");
            if (view.Parts is not { } parts || view.Phase != RunPhase.Running) return Unavailable(view);
            if (!parts.Session.Core.Bots.Any(b => b.BotId == id)) return Error(StatusCodes.Status404NotFound, $"no bot {id}");
            var receipt = Publish(parts, command, action, id, context, loggers.CreateLogger("tbot.control"));
            return Results.Json(receipt, statusCode: StatusCodes.Status202Accepted);
        });
        app.MapPost("/api/kill", (HttpContext context, RunView view, IOptions<HttpAccessOptions> access, ILoggerFactory loggers) =>
        {
            if (Refused(access.Value) is { } refused) return refused;
            if (view.Parts is not { } parts || view.Phase != RunPhase.Running) return Unavailable(view);
            var log = loggers.CreateLogger("tbot.control");
            // One kill per bot: each bot's kill is its own journaled control event, as from a --control file.
            var receipts = parts.Session.Core.Bots.Select(b => Publish(parts, ControlCommand.KillBot, "kill", b.BotId, context, log)).ToList();
            return Results.Json(new { action = "kill-all", events = receipts }, statusCode: StatusCodes.Status202Accepted);
        });
    }

    private static ControlReceipt Publish(RunParts parts, ControlCommand command, string action, int bot, HttpContext context, ILogger log)
    {
        var journal = parts.Session.JournalTag;
        var now = UnixNanos.Now();
        var sequence = TradingSession.Publish(parts.Ring, command, bot, nowNs: now);
        var receipt = new ControlReceipt
        {
            Action = action, Bot = bot, Sequence = sequence, TimeNs = now, Journal = journal,
            Id = string.Create(CultureInfo.InvariantCulture, $"{journal}:{sequence}"),
        };
        var remote = context.Connection.RemoteIpAddress?.ToString() ?? "";
        log.LogWarning("Control action {Action} bot {Bot} from {Remote} published as ring sequence {Sequence} ({Id})", action, bot, remote, sequence, receipt.Id);
        if (parts.Bus is { } bus)
            bus.Publish(bus.Create(BusEventKinds.ControlRequested, $"bot:{bot}", $"{bus.Source}:{bus.RunId}:control:{sequence}", DateTimeOffset.UtcNow, new()
            {
                ["action"] = action,
                ["bot"] = bot.ToString(CultureInfo.InvariantCulture),
                ["sequence"] = sequence.ToString(CultureInfo.InvariantCulture),
                ["remote"] = remote,
            }));
        return receipt;
    }

    /// <summary>403 when no token is configured: control actions are never open, even on loopback.</summary>
    private static IResult? Refused(HttpAccessOptions access) =>
        access.Token is null ? Error(StatusCodes.Status403Forbidden, "control actions need --http-token (start the run with a token and send Authorization: Bearer TOKEN)") : null;

    private static IResult Unavailable(RunView view) =>
        Error(StatusCodes.Status503ServiceUnavailable, $"the engine is {view.Phase.ToString().ToLowerInvariant()}");

    private static IResult Error(int status, string message) => Results.Json(new { error = message }, statusCode: status);
}

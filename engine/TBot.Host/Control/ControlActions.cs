using TBot.Engine.Trading;

namespace TBot.Host.Control;

/// <summary>The per-bot actions of <c>POST /api/bots/{id}/{action}</c> and the control commands they publish
/// (the same as the <c>--control</c> file's lines).</summary>
public static class ControlActions
{
    public static readonly IReadOnlyDictionary<string, ControlCommand> ByName = new Dictionary<string, ControlCommand>(StringComparer.Ordinal)
    {
        ["pause"] = ControlCommand.PauseBot,
        ["resume"] = ControlCommand.ResumeBot,
        ["kill"] = ControlCommand.KillBot,
        ["flatten"] = ControlCommand.FlattenBot,
        ["cancel-all"] = ControlCommand.CancelAll,
    };

    public static bool TryParse(string name, out ControlCommand command) => ByName.TryGetValue(name, out command);
}

using TBot.Engine.Journal;

namespace TBot.Host.Trading;

/// <summary>Decisions go nowhere while a restart rebuilds state from the journal (they are already in it), then
/// to the journal's queue once live.</summary>
public sealed class SwitchableDecisionLog : IDecisionLog
{
    public IDecisionLog Target { get; set; } = NullDecisionLog.Instance;

    public void Append(in DecisionRecord record) => Target.Append(in record);
}

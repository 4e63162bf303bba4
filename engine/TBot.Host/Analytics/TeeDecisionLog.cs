using TBot.Engine.Journal;

namespace TBot.Host.Analytics;

/// <summary>Hands each decision to two logs (a backtest's recorder and its journal's decision queue). Allocation-free.</summary>
public sealed class TeeDecisionLog(IDecisionLog first, IDecisionLog second) : IDecisionLog
{
    public void Append(in DecisionRecord record)
    {
        first.Append(in record);
        second.Append(in record);
    }
}

namespace TBot.Engine.Journal;

/// <summary>Where the trading core writes its decisions (the journal's decision queue, or nothing).</summary>
public interface IDecisionLog
{
    /// <summary>Called on the trading thread; must not block for long or allocate.</summary>
    void Append(in DecisionRecord record);
}

namespace TBot.Engine.Journal;

/// <summary>Drops decisions (runs without a journal); counts them.</summary>
public sealed class NullDecisionLog : IDecisionLog
{
    public static readonly NullDecisionLog Instance = new();

    public long Count { get; private set; }

    public void Append(in DecisionRecord record) => Count++;
}

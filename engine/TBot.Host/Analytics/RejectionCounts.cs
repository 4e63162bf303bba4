using TBot.Engine.Journal;

namespace TBot.Host.Analytics;

/// <summary>Risk rejections per bot, instrument and reason code, and the kill-switch events (rare; the first
/// <see cref="MaxKillSwitches"/> are kept, all are counted).</summary>
internal sealed class RejectionCounts
{
    public const int MaxKillSwitches = 1_000;

    public Dictionary<(int Bot, int Instrument, byte Reason), long> Rejections { get; } = new();

    public List<KillSwitchEvent> KillSwitches { get; } = [];

    public long KillSwitchCount { get; private set; }

    public void RiskRejected(in DecisionRecord d)
    {
        var key = (d.BotId, d.InstrumentId, d.Reason);
        Rejections[key] = Rejections.GetValueOrDefault(key) + 1;
    }

    public void KillSwitch(in DecisionRecord d)
    {
        KillSwitchCount++;
        if (KillSwitches.Count < MaxKillSwitches) KillSwitches.Add(new KillSwitchEvent(d.TimeNs, d.BotId, d.Reason, d.Value2));
    }
}

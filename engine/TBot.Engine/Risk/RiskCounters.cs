namespace TBot.Engine.Risk;

/// <summary>
/// Risk results by bot and reason (<see cref="RiskRejectReason.None"/> counts accepted intents), and kill-switch
/// firings by bot and cause. Written by the trading thread only (plain increments published with
/// <see cref="Volatile.Write(ref long, long)"/>), read by metrics exporters from any thread; a read may be a
/// moment behind, each count is one 64-bit word. Row 0 counts intents that named no valid bot.
/// </summary>
public sealed class RiskCounters
{
    private readonly long[] _results;
    private readonly long[] _killSwitches;

    public RiskCounters(int botCapacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(botCapacity);
        BotCapacity = botCapacity;
        _results = new long[(botCapacity + 1) * RiskRejectReasons.Count];
        _killSwitches = new long[(botCapacity + 1) * KillSwitchCauses.Count];
    }

    /// <summary>Bots are numbered 1..<see cref="BotCapacity"/>.</summary>
    public int BotCapacity { get; }

    internal void Count(int botId, RiskRejectReason reason)
    {
        ref var c = ref _results[Row(botId) * RiskRejectReasons.Count + (int)reason];
        Volatile.Write(ref c, c + 1);
    }

    internal void CountKillSwitch(int botId, KillSwitchCause cause)
    {
        ref var c = ref _killSwitches[Row(botId) * KillSwitchCauses.Count + (int)cause];
        Volatile.Write(ref c, c + 1);
    }

    /// <summary>Results of one bot with one reason (<see cref="RiskRejectReason.None"/> = accepted).</summary>
    public long Get(int botId, RiskRejectReason reason) =>
        Volatile.Read(ref _results[Row(botId) * RiskRejectReasons.Count + (int)reason]);

    /// <summary>Results with one reason over all bots.</summary>
    public long Get(RiskRejectReason reason)
    {
        long total = 0;
        for (var row = 0; row <= BotCapacity; row++) total += Volatile.Read(ref _results[row * RiskRejectReasons.Count + (int)reason]);
        return total;
    }

    /// <summary>Intents of one bot that passed.</summary>
    public long Accepted(int botId) => Get(botId, RiskRejectReason.None);

    /// <summary>Intents of one bot that were refused, whatever the reason.</summary>
    public long Rejected(int botId)
    {
        long total = 0;
        var row = Row(botId) * RiskRejectReasons.Count;
        for (var r = 1; r < RiskRejectReasons.Count; r++) total += Volatile.Read(ref _results[row + r]);
        return total;
    }

    /// <summary>Intents refused over all bots.</summary>
    public long Rejected()
    {
        long total = 0;
        for (var row = 0; row <= BotCapacity; row++) total += Rejected(row);
        return total;
    }

    public long KillSwitches(int botId, KillSwitchCause cause) =>
        Volatile.Read(ref _killSwitches[Row(botId) * KillSwitchCauses.Count + (int)cause]);

    /// <summary>Non-zero rejection counts over all bots by reason name, plus kill switches as
    /// "kill_switch_&lt;cause&gt;" (edge code: allocates).</summary>
    public SortedDictionary<string, long> Snapshot()
    {
        var result = new SortedDictionary<string, long>(StringComparer.Ordinal);
        for (var r = 1; r < RiskRejectReasons.Count; r++)
        {
            var n = Get((RiskRejectReason)r);
            if (n != 0) result[RiskRejectReasons.Name((RiskRejectReason)r)] = n;
        }
        for (var c = 1; c < KillSwitchCauses.Count; c++)
        {
            long n = 0;
            for (var row = 0; row <= BotCapacity; row++) n += Volatile.Read(ref _killSwitches[row * KillSwitchCauses.Count + c]);
            if (n != 0) result["kill_switch_" + KillSwitchCauses.Name((KillSwitchCause)c)] = n;
        }
        return result;
    }

    private int Row(int botId) => (uint)botId <= (uint)BotCapacity ? botId : 0;
}

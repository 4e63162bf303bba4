namespace TBot.Adapters.Simulator.Binance;

/// <summary>Request weight used in the current minute, reported in X-MBX-USED-WEIGHT-1M (not enforced; faults model 429s).</summary>
internal sealed class BinanceRestWeight
{
    private readonly Lock _gate = new();
    private long _minute;
    private int _used;

    public int Add(int weight, long nowMs)
    {
        lock (_gate)
        {
            var minute = nowMs / 60_000;
            if (minute != _minute)
            {
                _minute = minute;
                _used = 0;
            }
            _used += weight;
            return _used;
        }
    }
}

using TBot.Adapters.Simulator.Wire;

namespace TBot.Adapters.Simulator.Binance;

/// <summary>The simulated Binance server's clock: the wall clock shifted by <see cref="SimulatorOptions.ClockSkew"/>.</summary>
internal static class BinanceServerTime
{
    public static long NowMs(SimulatorOptions options) => WireTime.ToUnixMs(WireTime.NowNs()) + (long)options.ClockSkew.TotalMilliseconds;
}

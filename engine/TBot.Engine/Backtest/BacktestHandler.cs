using TBot.Engine.Events;
using TBot.Engine.Ring;
using TBot.Engine.Trading;

namespace TBot.Engine.Backtest;

/// <summary>The backtest's ring handler: the live <see cref="TradingCore"/>, with the equity sampler looking at the
/// state just before each event (so a sample is the state at its interval boundary).</summary>
public sealed class BacktestHandler(TradingCore core, EquitySampler sampler) : IEventHandler<MarketEvent>
{
    public long Events { get; private set; }

    public TradingCore Core => core;

    public EquitySampler Sampler => sampler;

    public void OnEvent(ref MarketEvent evt, long sequence, bool endOfBatch)
    {
        sampler.BeforeEvent(evt.ReceiveTimeNs > core.NowNs ? evt.ReceiveTimeNs : core.NowNs);
        core.Process(in evt, sequence);
        Events++;
    }

    /// <summary>After the last event (on the trading thread, or once the ring drained).</summary>
    public void Finish() => sampler.Finish(core.NowNs);
}

using TBot.Adapters.Simulator;
using TBot.Adapters.Simulator.Binance;
using TBot.Adapters.Simulator.Coinbase;
using TBot.Adapters.Simulator.Market;
using TBot.Adapters.Simulator.Okx;
using TBot.Adapters.Simulator.Transport;
using TBot.Engine.Instruments;

namespace TBot.Adapters.Tests.Simulator;

public class WriterAllocationTests
{
    [Fact]
    public void SteppingAndRenderingHotFrames_DoesNotAllocate()
    {
        var model = new MarketModel(SimulatorOptions.DefaultInstruments(), new InstrumentRegistry(), 3, 50);
        using var builder = new JsonFrameBuilder();
        var symbol = System.Text.Json.JsonEncodedText.Encode("X");
        long bytes = 0;
        Action<MarketStep> render = step =>
        {
            var m = step.Market;
            switch (m.Instrument.Venue)
            {
                case Venue.Binance:
                    BinanceDepthUpdateWriter.Write(builder.Start(), step, symbol, 1);
                    bytes += builder.Finish().Length;
                    BinanceBookTickerWriter.Write(builder.Start(), m, symbol, crossed: false);
                    bytes += builder.Finish().Length;
                    foreach (ref readonly var t in step.Trades)
                    {
                        BinanceTradeWriter.Write(builder.Start(), m, t, symbol, 1);
                        bytes += builder.Finish().Length;
                    }
                    break;
                case Venue.Coinbase:
                    CoinbaseL2DataWriter.WriteUpdate(builder.Start(), step, symbol, 1, 2);
                    bytes += builder.Finish().Length;
                    CoinbaseExchangeBookWriter.WriteUpdate(builder.Start(), step, symbol, 1);
                    bytes += builder.Finish().Length;
                    break;
                case Venue.Okx:
                    OkxBooksWriter.WriteUpdate(builder.Start(), step, symbol, 1, OkxChecksum.Compute(m));
                    bytes += builder.Finish().Length;
                    break;
            }
        };
        model.Advance(5_000, render); // warm-up (buffers grow, JIT)
        var before = GC.GetAllocatedBytesForCurrentThread();
        model.Advance(50_000, render);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(bytes > 1_000_000);
        Assert.Equal(0, allocated);
    }
}

using BenchmarkDotNet.Attributes;
using TBot.Engine.Events;
using TBot.Engine.Instruments;
using TBot.Engine.Journal;
using TBot.Engine.Trading;
using TBot.Perf.Pipeline;

namespace TBot.Perf.Benchmarks.Trading;

/// <summary>
/// One event through the trading handler (market view, market maker, risk, order manager, paper gateway), as
/// replay and the live chain run it. Quotes and trades from a seeded random walk with timers every 100 events;
/// engine time advances 1 ms per event so refreshes and cooldowns happen.
/// </summary>
[MemoryDiagnoser]
public class TradingCoreBenchmarks
{
    private const int EventsPerOp = 1024;
    private MarketEvent[] _events = [];
    private TradingCore _core = null!;
    private long _sequence;
    private int _offset;
    private long _timeShift;

    [Params(false, true)]
    public bool Stress { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var registry = new InstrumentRegistry();
        var btc = registry.Add(Venue.Binance, "BTCUSDT", 2, 5, 1, 1).Id;
        _core = PerfTradingCore.Build(registry, NullDecisionLog.Instance, Stress);
        var enable = default(MarketEvent);
        ControlEvents.Write(ref enable, ControlCommand.EnableTrading, 0, 1);
        _core.Process(in enable, _sequence++);

        var rng = new Random(21);
        _events = new MarketEvent[64 * 1024];
        long mid = 6_500_000, t = 1_700_000_000_000_000_000;
        for (var i = 0; i < _events.Length; i++)
        {
            t += 1_000_000;
            ref var e = ref _events[i];
            if (i % 100 == 99)
            {
                TimerEvents.Write(ref e, i, t, t);
                continue;
            }
            mid += rng.Next(-3, 4);
            e.Venue = Venue.Binance;
            e.InstrumentId = btc;
            e.ReceiveTimeNs = t;
            if ((i & 3) == 3)
            {
                e.Kind = MarketEventKind.Trade;
                e.Price = mid;
                e.Quantity = 1_000;
                e.TradeId = i + 1;
            }
            else
            {
                e.Kind = MarketEventKind.Quote;
                e.Bid = mid - 1;
                e.Ask = mid + 1;
                e.BidSize = 100_000;
                e.AskSize = 100_000;
            }
        }
    }

    [Benchmark(OperationsPerInvoke = EventsPerOp)]
    public void Process()
    {
        for (var i = 0; i < EventsPerOp; i++)
        {
            // Replaying the array again must keep time moving forward.
            var e = _events[_offset];
            e.ReceiveTimeNs += _timeShift;
            _core.Process(in e, _sequence++);
            if (++_offset == _events.Length)
            {
                _offset = 0;
                _timeShift += 64L * 1024 * 1_000_000;
            }
        }
    }
}

using TBot.Engine.Backtest;
using TBot.Engine.Events;
using TBot.Engine.Instruments;
using TBot.Engine.Journal;
using TBot.Engine.Trading;

namespace TBot.Engine.Tests.Backtest;

/// <summary>The streaming merge of journal leaves and the feeder's timers and control events.</summary>
public sealed class EventMergerTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"tbot-merge-{Guid.NewGuid():N}");

    private BacktestLeaf Leaf(string name, long startNs, params (MarketEventKind Kind, long TimeNs, long Price)[] events)
    {
        var dir = Path.Combine(_root, name);
        var registry = new InstrumentRegistry();
        registry.Add(Venue.Binance, name, 2, 3, 1, 1);
        using (var writer = JournalWriter.Open(new JournalOptions { Directory = dir, FsyncPolicy = FsyncPolicy.None }, JournalManifest.Create(registry.All), out _))
        {
            foreach (var (kind, time, price) in events)
            {
                var e = new MarketEvent { Kind = kind, InstrumentId = 1, ReceiveTimeNs = time, Price = price };
                writer.AppendEvent(in e);
                if (kind == MarketEventKind.Trade)
                {
                    var d = new DecisionRecord { Kind = DecisionKind.Fill, TimeNs = time }; // a recorded run's decision: skipped
                    writer.AppendDecision(in d);
                }
            }
            writer.Flush();
        }
        return new BacktestLeaf(dir, startNs, [0, name == "A" ? 7 : 9]);
    }

    [Fact]
    public void Merges_by_time_ties_to_the_first_leaf_remaps_ids_and_keeps_only_market_data_in_the_window()
    {
        var a = Leaf("A", 0, (MarketEventKind.Trade, 100, 1), (MarketEventKind.Timer, 150, 0), (MarketEventKind.Quote, 300, 2), (MarketEventKind.Trade, 500, 3));
        var b = Leaf("B", 0, (MarketEventKind.Quote, 100, 10), (MarketEventKind.Control, 200, 0), (MarketEventKind.Trade, 250, 11), (MarketEventKind.Quote, 600, 12));
        var seen = new List<(long, long, int)>();
        using (var merger = new EventMerger([a, b]))
            while (merger.MoveNext()) seen.Add((merger.Current.ReceiveTimeNs, merger.Current.Price, merger.Current.InstrumentId));
        Assert.Equal([(100, 1, 7), (100, 10, 9), (250, 11, 9), (300, 2, 7), (500, 3, 7), (600, 12, 9)], seen);

        var window = new List<long>();
        using (var merger = new EventMerger([a, b], fromNs: 250, toNs: 500))
            while (merger.MoveNext()) window.Add(merger.Current.Price);
        Assert.Equal([11L, 2, 3], window);
    }

    [Fact]
    public void A_later_leaf_opens_only_when_the_merge_reaches_its_start()
    {
        var day1 = Leaf("A", 0, (MarketEventKind.Trade, 100, 1), (MarketEventKind.Trade, 200, 2));
        var day2 = Leaf("B", 1_000, (MarketEventKind.Trade, 1_000, 3), (MarketEventKind.Trade, 1_100, 4));
        using var merger = new EventMerger([day1, day2]);
        Assert.True(merger.MoveNext());
        Assert.True(merger.MoveNext());
        Assert.Equal(1, merger.LeavesOpened);
        while (merger.MoveNext()) { }
        Assert.Equal((2, 1), (merger.LeavesOpened, merger.MaxOpen));
    }

    [Fact]
    public void The_feeder_disables_then_enables_trading_and_puts_a_timer_at_each_interval_of_engine_time_before_later_events()
    {
        var leaf = Leaf("A", 0, (MarketEventKind.Trade, 1_050, 1), (MarketEventKind.Trade, 1_250, 2), (MarketEventKind.Trade, 1_600, 3));
        var handler = new Recording();
        using var merger = new EventMerger([leaf]);
        var feeder = new BacktestFeeder(merger, timerIntervalNs: 200);
        var published = feeder.Run(new DirectPublisher<Recording>(handler), TestContext.Current.CancellationToken);
        Assert.Equal(
        [
            "Control:1050:DisableTrading", "Control:1050:EnableTrading", "Trade:1050", "Timer:1200", "Trade:1250", "Timer:1400", "Timer:1600", "Trade:1600",
        ], handler.Seen);
        Assert.Equal(8, published);
        Assert.Equal((3L, 3L), (feeder.DataEvents, feeder.TimerEvents));
    }

    private sealed class Recording : TBot.Engine.Ring.IEventHandler<MarketEvent>
    {
        public List<string> Seen { get; } = [];

        public void OnEvent(ref MarketEvent evt, long sequence, bool endOfBatch) => Seen.Add(evt.Kind == MarketEventKind.Control
            ? $"Control:{evt.ReceiveTimeNs}:{ControlEvents.Command(in evt)}"
            : $"{evt.Kind}:{evt.ReceiveTimeNs}");
    }

    public void Dispose()
    {
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { }
    }
}

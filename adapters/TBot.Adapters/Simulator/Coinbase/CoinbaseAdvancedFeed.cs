using System.Text.Json;
using TBot.Adapters.Simulator.Faults;
using TBot.Adapters.Simulator.Market;
using TBot.Adapters.Simulator.Transport;
using TBot.Engine.Instruments;

namespace TBot.Adapters.Simulator.Coinbase;

/// <summary>
/// Coinbase Advanced Trade market data (wss://advanced-trade-ws.coinbase.com): one channel per subscribe
/// message; channels heartbeats, level2 (delivered as "l2_data": snapshot then updates), market_trades, ticker,
/// ticker_batch. Every message on a connection carries that connection's sequence_num (0, 1, 2, ...), so frames
/// are rendered per connection; a sequence-gap fault skips a number.
/// </summary>
internal sealed class CoinbaseAdvancedFeed : VenueFeed
{
    private const int TickerBatchEverySeconds = 5;

    private static readonly string[] ChannelNames = ["level2", "market_trades", "ticker", "ticker_batch"];

    private readonly ProductSubscribers[] _products;
    private readonly List<SimConnection> _heartbeats = [];
    private readonly JsonFrameBuilder _frame = new();
    private long _nextHeartbeatNs;
    private long _nextBatchNs;

    public CoinbaseAdvancedFeed(SimulatorContext context) : base(context, Venue.Coinbase)
    {
        var markets = context.Model.MarketsOf(Venue.Coinbase);
        _products = new ProductSubscribers[markets.Count];
        for (var i = 0; i < markets.Count; i++) _products[i] = new ProductSubscribers(markets[i]);
    }

    private enum Channel
    {
        Level2 = 0,
        MarketTrades = 1,
        Ticker = 2,
        TickerBatch = 3,
        Heartbeats = 4,
    }

    private sealed class ProductSubscribers(InstrumentMarket market)
    {
        public InstrumentMarket Market { get; } = market;
        public JsonEncodedText ProductId { get; } = JsonEncodedText.Encode(market.Spec.Symbol);
        public List<SimConnection>[] ByChannel { get; } = [[], [], [], []];
    }

    private sealed class ConnectionState
    {
        public SortedSet<string>[] Products { get; } = [new(StringComparer.Ordinal), new(StringComparer.Ordinal), new(StringComparer.Ordinal), new(StringComparer.Ordinal)];
        public bool Heartbeats { get; set; }
        public long HeartbeatCounter { get; set; }
    }

    public void Attach(SimConnection c) => Context.Pump.Post(() => c.FeedState = new ConnectionState());

    public override void OnDisconnected(SimConnection c)
    {
        _heartbeats.Remove(c);
        foreach (var p in _products)
        {
            foreach (var list in p.ByChannel) list.Remove(c);
        }
    }

    // ---- client requests (receive loop) -----------------------------------------------------------------

    public override void OnClientText(SimConnection c, ReadOnlyMemory<byte> text)
    {
        string? type, channel;
        var products = new List<InstrumentMarket>();
        try
        {
            using var doc = JsonDocument.Parse(text);
            var root = doc.RootElement;
            type = root.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
            channel = root.TryGetProperty("channel", out var ch) && ch.ValueKind == JsonValueKind.String ? ch.GetString() : null;
            if (root.TryGetProperty("product_ids", out var ids))
            {
                if (ids.ValueKind != JsonValueKind.Array)
                {
                    Reject(c, "product_ids must be an array");
                    return;
                }
                foreach (var id in ids.EnumerateArray())
                {
                    var m = id.ValueKind == JsonValueKind.String ? Model.Find(Venue.Coinbase, id.GetString()!) : null;
                    if (m is null)
                    {
                        Reject(c, $"unknown product id {id}");
                        return;
                    }
                    products.Add(m);
                }
            }
        }
        catch (JsonException)
        {
            Reject(c, "malformed JSON");
            return;
        }
        if (type is not ("subscribe" or "unsubscribe"))
        {
            Reject(c, "unknown message type");
            return;
        }
        Channel parsed;
        switch (channel)
        {
            case "heartbeats":
                parsed = Channel.Heartbeats;
                break;
            case "level2" or "l2_data":
                parsed = Channel.Level2;
                break;
            case "market_trades":
                parsed = Channel.MarketTrades;
                break;
            case "ticker":
                parsed = Channel.Ticker;
                break;
            case "ticker_batch":
                parsed = Channel.TickerBatch;
                break;
            default:
                Reject(c, channel is null ? "channel is required (one channel per subscribe)" : $"unsupported channel {channel}");
                return;
        }
        if (parsed != Channel.Heartbeats && products.Count == 0 && type == "subscribe")
        {
            Reject(c, "product_ids are required for " + channel);
            return;
        }
        var subscribe = type == "subscribe";
        Context.Pump.Post(() => Apply(c, parsed, products, subscribe));
    }

    private static void Reject(SimConnection c, string reason) =>
        c.SendNow(ControlFrames.Build(w => CoinbaseSubscriptionsWriter.Error(w, "failure to subscribe", reason)));

    // ---- pump thread -------------------------------------------------------------------------------------

    private void Apply(SimConnection c, Channel channel, List<InstrumentMarket> products, bool subscribe)
    {
        if (c.IsClosed || c.FeedState is not ConnectionState state) return;
        var now = NowNs();
        if (channel == Channel.Heartbeats)
        {
            state.Heartbeats = subscribe;
            if (subscribe) AddOnce(_heartbeats, c);
            else _heartbeats.Remove(c);
        }
        else
        {
            var set = state.Products[(int)channel];
            var targets = !subscribe && products.Count == 0 ? Model.MarketsOf(Venue.Coinbase).ToList() : products;
            foreach (var m in targets)
            {
                var list = _products[m.VenueIndex].ByChannel[(int)channel];
                if (subscribe)
                {
                    set.Add(m.Spec.Symbol);
                    AddOnce(list, c);
                }
                else
                {
                    set.Remove(m.Spec.Symbol);
                    list.Remove(c);
                }
            }
        }
        SendAck(c, state, now);
        if (!subscribe) return;
        foreach (var m in products)
        {
            var p = _products[m.VenueIndex];
            var w = _frame.Start();
            switch (channel)
            {
                case Channel.Level2:
                    CoinbaseL2DataWriter.WriteSnapshot(w, m, p.ProductId, now, c.NextSequenceNum++);
                    break;
                case Channel.MarketTrades:
                    CoinbaseMarketTradesWriter.WriteSnapshot(w, m, p.ProductId, now, c.NextSequenceNum++, 50);
                    break;
                case Channel.Ticker:
                case Channel.TickerBatch:
                    CoinbaseTickerWriter.Write(w, m, p.ProductId, snapshot: true, batch: channel == Channel.TickerBatch, now, c.NextSequenceNum++, crossed: false);
                    break;
                default:
                    continue;
            }
            Dispatcher.Send(c, _frame.Finish());
        }
    }

    private void SendAck(SimConnection c, ConnectionState state, long now)
    {
        var channels = new List<KeyValuePair<string, IReadOnlyCollection<string>>>();
        for (var i = 0; i < ChannelNames.Length; i++)
        {
            if (state.Products[i].Count > 0) channels.Add(new(ChannelNames[i], state.Products[i]));
        }
        if (state.Heartbeats) channels.Add(new("heartbeats", ["heartbeats"]));
        CoinbaseSubscriptionsWriter.Write(_frame.Start(), channels, now, c.NextSequenceNum++);
        Dispatcher.Send(c, _frame.Finish());
    }

    public override void OnStep(MarketStep step)
    {
        var p = _products[step.Market.VenueIndex];
        var level2 = p.ByChannel[(int)Channel.Level2];
        for (var i = 0; i < level2.Count; i++)
        {
            var c = level2[i];
            if (SkipForGap(c)) continue;
            CoinbaseL2DataWriter.WriteUpdate(_frame.Start(), step, p.ProductId, StampNs(step.TimeNs), c.NextSequenceNum++);
            Dispatcher.SendData(c, Venue, _frame.Finish(), gapEligible: false);
        }
        if (step.TradeCount == 0) return;
        var trades = p.ByChannel[(int)Channel.MarketTrades];
        for (var i = 0; i < trades.Count; i++)
        {
            var c = trades[i];
            if (SkipForGap(c)) continue;
            CoinbaseMarketTradesWriter.WriteUpdate(_frame.Start(), step, p.ProductId, StampNs(step.TimeNs), c.NextSequenceNum++);
            Dispatcher.SendData(c, Venue, _frame.Finish(), gapEligible: false);
        }
        var tickers = p.ByChannel[(int)Channel.Ticker];
        for (var i = 0; i < tickers.Count; i++)
        {
            var c = tickers[i];
            if (SkipForGap(c)) continue;
            CoinbaseTickerWriter.Write(_frame.Start(), step.Market, p.ProductId, snapshot: false, batch: false, StampNs(step.TimeNs), c.NextSequenceNum++,
                Faults.ShouldInject(FaultKind.CrossedBook, Venue));
            Dispatcher.SendData(c, Venue, _frame.Finish(), gapEligible: false);
        }
    }

    /// <summary>The gap fault on Advanced Trade: burn this connection's next sequence_num without sending.</summary>
    private bool SkipForGap(SimConnection c)
    {
        if (!Faults.ShouldInject(FaultKind.SequenceGap, Venue)) return false;
        c.NextSequenceNum++;
        return true;
    }

    public override void OnTimer(long nowNs)
    {
        if (nowNs >= _nextHeartbeatNs)
        {
            _nextHeartbeatNs = nowNs + Context.Options.HeartbeatInterval.Ticks * 100;
            foreach (var c in _heartbeats)
            {
                if (c.FeedState is not ConnectionState state) continue;
                CoinbaseHeartbeatsWriter.Write(_frame.Start(), nowNs, Context.MonotonicNs, state.HeartbeatCounter++, c.NextSequenceNum++);
                Dispatcher.Send(c, _frame.Finish());
            }
        }
        if (nowNs >= _nextBatchNs)
        {
            _nextBatchNs = nowNs + TickerBatchEverySeconds * 1_000_000_000L;
            foreach (var p in _products)
            {
                foreach (var c in p.ByChannel[(int)Channel.TickerBatch])
                {
                    CoinbaseTickerWriter.Write(_frame.Start(), p.Market, p.ProductId, snapshot: false, batch: true, nowNs, c.NextSequenceNum++, crossed: false);
                    Dispatcher.SendData(c, Venue, _frame.Finish(), gapEligible: false);
                }
            }
        }
    }
}
